/**
 * Training devices: which device each training slot gets ({@link
 * dev.modelsweep.activities.device.SlotPlan}) and the leases trials take on them ({@link
 * dev.modelsweep.activities.device.DeviceLeases}).
 */
package dev.modelsweep.activities.device;

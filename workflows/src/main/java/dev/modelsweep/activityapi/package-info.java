/**
 * Activity interfaces and the artifact layout they share with workflows. The implementations,
 * which need DJL and files, live in the activities module.
 */
package dev.modelsweep.activityapi;

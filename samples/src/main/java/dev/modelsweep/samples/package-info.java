/** Runnable examples of the client API; their tests run them against the embedded service. */
package dev.modelsweep.samples;

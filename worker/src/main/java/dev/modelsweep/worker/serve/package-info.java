/**
 * {@code modelsweep serve}: a registry model behind the KServe / TensorFlow Serving V1 REST
 * protocol ({@link dev.modelsweep.worker.serve.ModelServer}), switched without a restart when its
 * alias moves, and the load generator of {@code bench serve} ({@link
 * dev.modelsweep.worker.serve.LoadGenerator}).
 */
package dev.modelsweep.worker.serve;

/**
 * The model reference: how a trained model travels between pipeline stages, workflows and
 * activities. It holds the model's key in the artifact store, its digest, its metrics and where it
 * came from; never a local path and never the weights themselves, so workflow history stays small
 * and any worker that reaches the store can use it.
 */
package dev.modelsweep.model;

/**
 * The Java client API: start a sweep from a spec, find it again by id from any process, follow
 * its progress, pause, resume or stop it, and read its leaderboard; start a pipeline and read its
 * stages ({@link dev.modelsweep.client.PipelineClient}). The CLI is built on it.
 */
package dev.modelsweep.client;

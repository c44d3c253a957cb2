/**
 * The Java client API: start a sweep from a spec, find it again by id from any process, follow
 * its progress, pause, resume or stop it, and read its leaderboard. The CLI is built on it.
 */
package dev.modelsweep.client;

/**
 * The {@code modelsweep} command line (picocli): {@code dev}, {@code server}, {@code worker},
 * {@code start}, {@code status}, {@code watch}, {@code results} and {@code bench}. Commands use
 * the client API in {@code dev.modelsweep.client}; nothing here holds sweep logic.
 */
package dev.modelsweep.worker.cli;

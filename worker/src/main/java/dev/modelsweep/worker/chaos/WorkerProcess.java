package dev.modelsweep.worker.chaos;

import dev.modelsweep.worker.cli.LogLevels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@code modelsweep worker} in a JVM of its own, on this JVM's class path, whose log lines are
 * handed to a listener as they arrive. {@link #kill()} is SIGKILL: no shutdown hook, no graceful
 * anything, as when a machine dies.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Thread reader;

  private WorkerProcess(Process process, Consumer<String> lines) {
    this.process = process;
    this.reader = new Thread(() -> pump(process, lines), "worker-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** A worker reading data from inside {@code dataRoots}, or its defaults when that is empty. */
  static WorkerProcess start(String target, Path artifacts, List<Path> dataRoots, Consumer<String> lines)
      throws IOException {
    return start(target, artifacts, dataRoots, ChaosHarness.Workers.ONE, List.of(), List.of(), lines);
  }

  /**
   * As {@link #start(String, Path, List, Consumer)}, with {@code workers}' store ({@code --store},
   * {@code artifacts} then being the worker's cache) and environment added to this JVM's.
   */
  static WorkerProcess start(String target, Path artifacts, List<Path> dataRoots, ChaosHarness.Workers workers,
      Consumer<String> lines) throws IOException {
    return start(target, artifacts, dataRoots, workers, List.of(), List.of(), lines);
  }

  /**
   * {@link #start(String, Path, List, Consumer)} with more JVM options (such as a fault's system
   * property) and more {@code worker} options (such as {@code --registry}).
   */
  static WorkerProcess start(String target, Path artifacts, List<Path> dataRoots, List<String> jvmOptions,
      List<String> workerOptions, Consumer<String> lines) throws IOException {
    return start(target, artifacts, dataRoots, ChaosHarness.Workers.ONE, jvmOptions, workerOptions, lines);
  }

  private static WorkerProcess start(String target, Path artifacts, List<Path> dataRoots, ChaosHarness.Workers workers,
      List<String> jvmOptions, List<String> workerOptions, Consumer<String> lines) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1",
        // The trainer's per-epoch debug lines tell the harness what a kill interrupted.
        "-D" + LogLevels.PREFIX + "dev.modelsweep.activities.train=debug",
        // ND4J (the gp strategy's activity) unpacks its natives where this JVM does.
        "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
            Path.of(System.getProperty("user.home"), ".cache", "modelsweep", "javacpp").toString()),
        "-cp", System.getProperty("java.class.path"),
        "dev.modelsweep.worker.cli.ModelSweepCli", "worker",
        "--target", target, "--artifacts", artifacts.toString(), "--slots", "1"));
    for (Path root : dataRoots) {
      command.addAll(List.of("--data-root", root.toString()));
    }
    if (workers.store() != null) {
      command.addAll(List.of("--store", workers.store()));
    }
    command.addAll(workerOptions);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(workers.environment());
    Process process = builder.start();
    return new WorkerProcess(process, lines);
  }

  long pid() {
    return process.pid();
  }

  /** Waits up to {@code timeout} for the process to end by itself; its exit code, or empty if it still runs. */
  java.util.OptionalInt awaitExit(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
  }

  /** SIGKILL, and wait until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private static void pump(Process process, Consumer<String> lines) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.accept(line);
      }
    } catch (IOException closed) {
      // the process died: that is the point
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }
}

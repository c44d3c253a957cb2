package dev.modelsweep.worker.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the CLI in this JVM with stdout and stderr captured together, as a terminal shows them. */
final class CliRun {

  /** What must never reach a user's terminal: a stack trace or a raw exception. */
  static final List<String> NEVER_SHOWN = List.of("OutOfMemoryError", "Exception", "\tat ");

  /**
   * The exit code, everything printed, and what was printed on stdout alone: a worker running in
   * the test's JVM logs to stderr, so only stdout is free of its lines.
   */
  record Output(int code, String text, String stdout) {

    /** The first of {@link #NEVER_SHOWN} in the text, or null. */
    String leak() {
      return NEVER_SHOWN.stream().filter(text::contains).findFirst().orElse(null);
    }
  }

  interface Run {
    int run() throws Exception;
  }

  private CliRun() {}

  /** Runs {@code args} through {@link ModelSweepCli#run}. */
  static Output cli(String... args) throws Exception {
    return capture(() -> ModelSweepCli.run(args));
  }

  static synchronized Output capture(Run run) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        both.write(b);
        stdout.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        both.write(bytes, offset, length);
        stdout.write(bytes, offset, length);
      }
    }, true, StandardCharsets.UTF_8));
    System.setErr(both);
    try {
      int code = run.run();
      System.out.flush();
      return new Output(code, buffer.toString(StandardCharsets.UTF_8), stdout.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}

package dev.modelsweep.worker.cli;

import java.util.concurrent.CountDownLatch;

/** Waiting for Ctrl-C, for commands that serve until stopped. */
final class Shutdown {

  private Shutdown() {}

  /** Blocks until the JVM shuts down (Ctrl-C, SIGTERM). */
  static void await() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    stopped.await();
  }
}

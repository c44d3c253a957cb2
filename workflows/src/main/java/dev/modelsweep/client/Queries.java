package dev.modelsweep.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Workflow queries that give up: a query waits for a worker to run it, for about a minute when all are down. */
final class Queries {

  /**
   * Runs the queries: reused daemon threads. The common pool would lend a thread of its own to a
   * query left waiting a minute for a worker (and on a machine of 2 cores or fewer it starts a new
   * thread for every call instead: two a second for {@code watch}).
   */
  private static final ExecutorService ASKERS = Executors.newCachedThreadPool(task -> {
    Thread t = new Thread(task, "modelsweep-query");
    t.setDaemon(true);
    return t;
  });

  private Queries() {}

  /** The query's answer, or empty when it is null or no worker answers within {@code timeout}. */
  static <T> Optional<T> within(Duration timeout, Supplier<T> query) {
    CompletableFuture<T> answer = CompletableFuture.supplyAsync(query, ASKERS);
    try {
      return Optional.ofNullable(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      answer.cancel(true);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

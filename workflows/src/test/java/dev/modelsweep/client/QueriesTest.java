package dev.modelsweep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class QueriesTest {

  @Test
  void answersWithinTheTimeoutOnReusedDaemonThreads() throws InterruptedException {
    Set<Thread> askers = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      assertEquals(Optional.of(n), Queries.within(Duration.ofSeconds(5), () -> {
        askers.add(Thread.currentThread());
        return n;
      }));
      Thread.sleep(20); // as watch asks: a pause between calls, in which the asker goes back to the pool
    }
    // Not a thread per call (the common pool's way on a machine of 2 cores or fewer).
    assertTrue(askers.size() <= 2, askers.toString());
    for (Thread asker : askers) {
      assertTrue(asker.isDaemon());
      assertEquals("modelsweep-query", asker.getName());
    }
  }

  @Test
  void givesUpOnAQueryNobodyAnswers() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    long start = System.nanoTime();
    Optional<String> answer = Queries.within(Duration.ofMillis(100), () -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "late";
    });
    assertEquals(Optional.empty(), answer);
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "it gave up near its timeout");
    assertEquals(Optional.empty(), Queries.within(Duration.ofSeconds(5), () -> null), "a null answer is empty");
    never.countDown();
  }
}

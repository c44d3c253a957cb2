package dev.modelsweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.MalformedSpecs.Case;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link MalformedSpecs} through {@link SpecParser}: each must be rejected with a
 * {@link SpecException} (no other exception, no acceptance) whose problems name the broken field,
 * within {@value #MAX_MILLIS} ms.
 */
class MalformedSpecTest {

  /**
   * A workflow parses its spec inside a workflow task, which Temporal fails as a potential
   * deadlock after 1 s, and retries forever: a slower parse would leave the sweep hanging.
   */
  static final long MAX_MILLIS = 1000;

  /**
   * Parse time is this thread's CPU time, not wall time: on a loaded machine (CI on 2 cores, or
   * parallel builds) wall time measures the neighbours, and the bound is about the parser's work.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void theBaseIsValid() {
    SpecParser.parse(MalformedSpecs.BASE);
  }

  @Test
  void everyMalformedSpecIsRejectedNamingTheField() {
    List<Case> cases = MalformedSpecs.validation();
    MalformedSpecs.Tally tally = new MalformedSpecs.Tally();
    long start = System.nanoTime();
    for (Case c : cases) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      String failure = verdict(c);
      long millis = (THREADS.getCurrentThreadCpuTime() - t0) / 1_000_000;
      if (failure == null && millis > MAX_MILLIS) {
        failure = "took " + millis + " ms";
      }
      tally.add(c, failure, millis);
    }
    String table = tally.table("malformed specs through SpecParser.parse", (System.nanoTime() - start) / 1_000_000);
    System.out.println(table);
    assertTrue(tally.total() >= 500, "at least 500 cases, got " + tally.total());
    assertEquals(List.of(), tally.failures(), table);
  }

  /** Null when {@code c} is rejected cleanly; else what went wrong. */
  private static String verdict(Case c) {
    try {
      SpecParser.parse(c.json());
      return "accepted";
    } catch (SpecException e) {
      return MalformedSpecs.lacking(c, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return "crashed: " + e;
    }
  }
}

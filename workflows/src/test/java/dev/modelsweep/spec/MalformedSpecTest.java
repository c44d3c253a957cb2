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
 * and none may hang: each within {@value #MAX_MILLIS} ms. How fast validation is, is not this
 * test's business: the table it prints shows each category's time.
 */
class MalformedSpecTest {

  /**
   * The hang guard. A sweep validates its spec in a local activity (one minute, three tries), not
   * inside a workflow task, so no 1 s deadlock detector bounds it any more; what must not happen
   * is work that grows with the input, such as enumerating a grid of billions of points. The
   * slowest case (a grid of 4 parameters x 1000 values) takes about 0.35-0.39 s of CPU on a quiet
   * machine; in one CI run beside a build it took 1.03 s and failed the 1 s bound kept from when
   * validation ran in the workflow task. Enumerating that grid (10^12 points) would not end.
   */
  static final long MAX_MILLIS = 10_000;

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

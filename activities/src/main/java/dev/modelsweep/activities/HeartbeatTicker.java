package dev.modelsweep.activities;

import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats for activities that do not report progress of their own (data checks, evaluation,
 * saving results), so that they can carry a short heartbeat timeout: a killed worker is then
 * noticed in seconds instead of after the whole start-to-close timeout. The SDK throttles the
 * calls, so ticking every second costs nothing.
 */
final class HeartbeatTicker implements AutoCloseable {

  private static final ScheduledExecutorService TICKS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "modelsweep-heartbeat-ticker");
            t.setDaemon(true);
            return t;
          });

  private final ScheduledFuture<?> tick;

  private HeartbeatTicker(ScheduledFuture<?> tick) {
    this.tick = tick;
  }

  static HeartbeatTicker start(ActivityExecutionContext context) {
    return new HeartbeatTicker(
        TICKS.scheduleAtFixedRate(() -> beat(context), 0, 1, TimeUnit.SECONDS));
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (RuntimeException cancelledOrDone) {
      // The activity is finishing or was cancelled; the activity thread sees that itself.
    }
  }

  @Override
  public void close() {
    tick.cancel(false);
  }
}

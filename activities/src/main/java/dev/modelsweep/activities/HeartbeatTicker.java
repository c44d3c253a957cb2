package dev.modelsweep.activities;

import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats every second while an activity runs, so that every long step (data loading,
 * checkpoint restore, validation scoring, checkpoint writes, evaluation, saving results) stays
 * within a short heartbeat timeout: a killed worker is then noticed in seconds instead of after the
 * whole start-to-close timeout. The SDK throttles the calls, so ticking every second costs nothing.
 * A step that hangs keeps ticking; the activity's start-to-close timeout still ends it.
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

  /** Ticks without details, for steps that report no progress of their own. */
  static HeartbeatTicker start(ActivityExecutionContext context) {
    return every(() -> beat(context, null));
  }

  /** Runs {@code tick} every second, from now on; a tick that throws is ignored. */
  static HeartbeatTicker every(Runnable tick) {
    return new HeartbeatTicker(TICKS.scheduleAtFixedRate(() -> {
      try {
        tick.run();
      } catch (RuntimeException cancelledOrDone) {
        // The activity is finishing or was cancelled; the activity thread sees that itself.
      }
    }, 0, 1, TimeUnit.SECONDS));
  }

  static void beat(ActivityExecutionContext context, Object details) {
    context.heartbeat(details);
  }

  @Override
  public void close() {
    tick.cancel(false);
  }
}

package dev.modelsweep.activityapi;

import dev.modelsweep.search.GpRequest;
import dev.modelsweep.search.GpSuggestion;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Model-based search computation that is not StrictMath-only Java and so must not run in
 * workflow code. The sweep workflow calls it as a local activity on the worker that runs the
 * workflow (no task queue round trip); its result is recorded in history, so a replay reads the
 * answer instead of computing again. Requests and replies are a few kilobytes: unit-cube points
 * and losses, never data. The implementation (on ND4J) lives in the activities module.
 */
@ActivityInterface
public interface SuggestActivities {

  /**
   * Fits a Gaussian process (Matern 5/2, hyperparameters by marginal likelihood) to the request's
   * points and returns the point of largest expected improvement. A pure function of the request:
   * the same request gives the same answer. Non-retryable failure type {@code InvalidSpec} for a
   * malformed request.
   */
  @ActivityMethod
  GpSuggestion suggestGp(GpRequest request);
}

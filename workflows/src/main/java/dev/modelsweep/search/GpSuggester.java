package dev.modelsweep.search;

/**
 * Where {@link GpSampler} sends its numeric work: the Gaussian-process fit and the expected
 * improvement search, which need native linear algebra and so run as an activity whose result
 * workflow history records. Tests call the implementation directly.
 */
@FunctionalInterface
public interface GpSuggester {

  /** The next point to try, in the unit cube of {@link SpaceEncoding}. */
  GpSuggestion suggest(GpRequest request);

  /** For code that only counts trials (worker limits, benchmarks): fails if asked to suggest. */
  GpSuggester NONE = request -> {
    throw new IllegalStateException("strategy gp needs a suggest activity; build the sampler with one");
  };
}

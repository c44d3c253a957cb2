package dev.modelsweep.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A sweep spec that cannot run, with every problem found in it rather than only the first, so
 * that a user fixes a document in one round. The message lists the problems one per line as
 * {@code path: message}.
 */
public final class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<SpecProblem> problems;

  public SpecException(List<SpecProblem> problems) {
    super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in document order for structural ones, then in the order checked. */
  public List<SpecProblem> problems() {
    return problems;
  }
}

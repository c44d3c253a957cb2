package dev.modelsweep.pipeline;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model reference as a pipeline document writes it: {@code "stage:ID"} is the best model of
 * stage ID, {@code "stage:ID#K"} its top K, best first.
 *
 * @param stage the stage id
 * @param count how many of its models, best first (1 for {@code "stage:ID"})
 */
public record StageReference(String stage, int count) {

  private static final Pattern FORM = Pattern.compile("stage:([A-Za-z0-9][A-Za-z0-9_-]{0,31})(?:#([1-9][0-9]{0,3}))?");

  /** The reference in {@code text}, or empty when it is not of the form {@code stage:ID[#K]}. */
  public static Optional<StageReference> parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new StageReference(m.group(1), m.group(2) == null ? 1 : Integer.parseInt(m.group(2))));
  }

  @Override
  public String toString() {
    return "stage:" + stage + (count == 1 ? "" : "#" + count);
  }
}

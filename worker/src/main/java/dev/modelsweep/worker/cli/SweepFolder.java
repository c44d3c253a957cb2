package dev.modelsweep.worker.cli;

import dev.modelsweep.activity.ArtifactLayout;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sweep's folder as {@code dev} uses it: the spec is written there before the sweep starts,
 * so that {@code dev --resume DIR} can run it again after the embedded service (which keeps
 * nothing) is gone. A folder that holds another spec is refused: its trials would not match.
 */
final class SweepFolder {

  static final String SPEC_FILE = "spec.json";

  private SweepFolder() {}

  static void claim(Path artifactRoot, String sweepId, SweepSpec spec) throws IOException {
    Path folder = artifactRoot.resolve(ArtifactLayout.sweepDir(sweepId));
    Path file = folder.resolve(SPEC_FILE);
    if (Files.exists(file)) {
      SweepSpec recorded = SpecParser.parse(Files.readString(file));
      if (!SpecParser.toJson(recorded).equals(SpecParser.toJson(spec))) {
        throw new IllegalArgumentException(
            folder + " holds sweep " + sweepId + " with another spec; its trials would not match. "
                + "Use another --id, or --resume " + folder + " to run that sweep again.");
      }
      return;
    }
    Files.createDirectories(folder);
    Files.writeString(file, SpecParser.toJson(spec).toPrettyString());
  }
}

package dev.modelsweep.worker.cli;

import dev.modelsweep.activities.IoErrors;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sweep's folder as {@code dev} uses it: the spec is written there before the sweep starts,
 * so that {@code dev --resume DIR} can run it again after the embedded service (which keeps
 * nothing) is gone. A folder that holds another spec is refused: its trials would not match.
 *
 * <p>The folder is the sweep: its name is the sweep id, and a renamed or copied folder is that
 * sweep under its new name. Before anything starts, {@link #requireIntact} checks that the folder
 * has the shape a sweep writes, so a damaged one is refused with the path at fault instead of
 * hanging on retried writes, and nothing in it is touched.
 */
final class SweepFolder {

  static final String SPEC_FILE = "spec.json";

  /** Files of the sweep folder and of each trial folder; a folder at one of these names is damage. */
  private static final List<String> SWEEP_FILES = List.of(SPEC_FILE, "leaderboard.json");
  private static final List<String> TRIAL_FILES =
      List.of("trial.json", "model.params", "history.json", "train-result.json", "evaluation.json");

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

  /**
   * Refuses a {@code --resume} folder that a sweep cannot run from, touching nothing: not a
   * folder, not writable, without {@code spec.json}, or damaged (a folder where a sweep writes a
   * file, a file where it keeps a folder).
   *
   * @throws IllegalArgumentException naming the path at fault and the fix
   */
  static void requireIntact(Path folder) {
    if (!Files.exists(folder)) {
      throw new IllegalArgumentException("--resume: no folder at " + folder + "; give a sweep's folder, "
          + "e.g. runs/digits-random-3f2a9c1e");
    }
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("--resume: " + folder + " is a file, not a sweep's folder");
    }
    if (!Files.exists(folder.resolve(SPEC_FILE))) {
      throw new IllegalArgumentException("--resume: " + folder + " holds no " + SPEC_FILE
          + ", so it is not a sweep's folder (dev writes " + SPEC_FILE + " as a sweep starts)");
    }
    for (String name : SWEEP_FILES) {
      requireFileOrAbsent(folder.resolve(name));
    }
    Path trials = folder.resolve("trials");
    for (Path trial : entries(trials, "is a file where the sweep keeps its trials' folders")) {
      if (!Files.isDirectory(trial)) {
        throw damaged(trial, "is a file where the sweep keeps a trial's folder");
      }
      for (String name : TRIAL_FILES) {
        requireFileOrAbsent(trial.resolve(name));
      }
      for (Path checkpoint : entries(trial.resolve("checkpoints"), "is a file where the trial keeps its checkpoints")) {
        requireFileOrAbsent(checkpoint);
      }
    }
    if (!Files.isWritable(folder)) {
      throw new IllegalArgumentException("--resume: " + folder + " is not writable; fix its permissions, "
          + "or copy it somewhere writable and resume the copy");
    }
  }

  /**
   * The entries of folder {@code dir}, without hidden ones (in-flight temporaries of an interrupted
   * write); none when it does not exist.
   *
   * @param asFile what it means that {@code dir} is a file, for the refusal
   */
  private static List<Path> entries(Path dir, String asFile) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw damaged(dir, asFile);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw damaged(dir, "cannot be listed (" + IoErrors.describe(e) + ")");
    }
  }

  private static void requireFileOrAbsent(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw damaged(file, "is not a file; the sweep writes a file there");
    }
  }

  private static IllegalArgumentException damaged(Path path, String what) {
    return new IllegalArgumentException("--resume: the sweep folder is damaged: " + path + " " + what
        + "; move it aside or restore it from a copy, then resume (nothing was changed)");
  }

  /**
   * Makes sure {@code root} (the {@code --artifacts} folder) is a folder this process can write
   * in, creating it if needed, before anything starts.
   *
   * @throws IllegalArgumentException naming the flag, the path and what is wrong
   */
  static void requireArtifactRoot(Path root) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new IllegalArgumentException("--artifacts: " + root + " is a file; give a folder (it is created if missing)");
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new IllegalArgumentException("--artifacts: cannot create " + root + " (" + IoErrors.describe(e)
          + "); give a folder that exists or can be created");
    }
    if (!Files.isWritable(root)) {
      throw new IllegalArgumentException("--artifacts: " + root + " is not writable; fix its permissions or give another folder");
    }
  }
}

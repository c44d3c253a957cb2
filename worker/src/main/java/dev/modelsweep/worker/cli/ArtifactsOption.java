package dev.modelsweep.worker.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --artifacts} of commands that read what training workers wrote (the console, reports). */
final class ArtifactsOption {

  @Option(names = "--artifacts", defaultValue = "${env:MODELSWEEP_ARTIFACTS:-runs}",
      description = "The training workers' artifact root, where trials' learning curves are (default: ${DEFAULT-VALUE}).")
  Path artifacts;
}

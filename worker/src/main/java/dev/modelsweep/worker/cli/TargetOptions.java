package dev.modelsweep.worker.cli;

import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import picocli.CommandLine.Option;

/** {@code --target} and {@code --namespace}, shared by every command that talks to Temporal. */
final class TargetOptions {

  @Option(
      names = "--target",
      defaultValue = "${env:MODELSWEEP_TARGET:-" + ConnectionOptions.DEFAULT_TARGET + "}",
      description = "Temporal frontend host:port (default: ${DEFAULT-VALUE}; env MODELSWEEP_TARGET).")
  String target;

  @Option(
      names = "--namespace",
      defaultValue = "${env:MODELSWEEP_NAMESPACE:-" + ConnectionOptions.DEFAULT_NAMESPACE + "}",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  ConnectionOptions connection() {
    return ConnectionOptions.newBuilder().setTarget(target).setNamespace(namespace).build();
  }

  SweepClient connect() {
    return SweepClient.connect(connection());
  }
}

package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Says whether a sweep is running, completed or failed (and why). */
@Command(name = "status", description = "Print running, completed or failed (with the reason).")
final class StatusCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "Sweep id.")
  String id;

  @Mixin TargetOptions target;

  @Override
  public Integer call() {
    try (SweepClient client = target.connect()) {
      SweepStatus status = client.handle(id).status();
      System.out.println(status);
      if (status.state() == SweepStatus.State.RUNNING) {
        try {
          System.out.println(SweepPrinter.progressLine(client.handle(id).progress()));
        } catch (RuntimeException noWorker) {
          System.out.println("(no worker has picked it up yet)");
        }
      }
      return status.state() == SweepStatus.State.FAILED ? 1 : 0;
    }
  }
}

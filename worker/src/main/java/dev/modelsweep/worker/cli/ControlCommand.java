package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepClient;
import dev.modelsweep.client.SweepHandle;
import dev.modelsweep.workflow.EpochBudget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pause}, {@code resume}, {@code stop}, {@code budget} and {@code cancel}: one sweep, by
 * id. All but {@code cancel} are Temporal Updates: each returns once the sweep acknowledged it, or fails with the sweep's
 * reason (exit {@value ModelSweepCli#EXIT_REFUSED}) once it is done.
 */
abstract class ControlCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "Sweep id.")
  String id;

  @Mixin TargetOptions target;

  @Override
  public final Integer call() {
    try (SweepClient client = target.connect()) {
      SweepHandle sweep = client.handle(id);
      sweep.status(); // a pipeline's or a trial's id is refused here, naming what it is
      System.out.println(id + ": " + apply(sweep));
      return 0;
    }
  }

  /** Sends the command and returns what to print after the id. */
  abstract String apply(SweepHandle sweep);

  @Command(mixinStandardHelpOptions = true, name = "pause",
      description = "Start no new trials until resumed; running trials finish.")
  static final class Pause extends ControlCommand {
    @Override
    String apply(SweepHandle sweep) {
      return word(sweep.pause());
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "resume", description = "Start trials again after a pause.")
  static final class Resume extends ControlCommand {
    @Override
    String apply(SweepHandle sweep) {
      return word(sweep.resume());
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "stop",
      description = "Start no more trials, let the running ones stop or finish, and end with the results so far.")
  static final class Stop extends ControlCommand {
    @Override
    String apply(SweepHandle sweep) {
      return word(sweep.stop());
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "budget",
      description = "Set the sweep's search.epochBudget: raise it to let a sweep that spent its budget go on, "
          + "or lower it (not below what is trained or reserved) to end it sooner.")
  static final class Budget extends ControlCommand {
    @Parameters(index = "1", paramLabel = "EPOCHS", description = "Epochs all trials together may train.")
    long epochs;

    @Override
    String apply(SweepHandle sweep) {
      EpochBudget budget = sweep.changeEpochBudget(epochs);
      return "epoch budget " + budget.epochBudget() + " (" + budget.epochsTrained() + " trained)";
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "cancel",
      description = "Cancel the sweep and its running trials at once; nothing more is saved (stop keeps results).")
  static final class Cancel extends ControlCommand {
    @Override
    String apply(SweepHandle sweep) {
      sweep.cancel();
      return "cancel requested";
    }
  }

  private static String word(Enum<?> state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }
}

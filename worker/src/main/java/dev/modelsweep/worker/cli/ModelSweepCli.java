package dev.modelsweep.worker.cli;

import dev.modelsweep.client.SweepFailedException;
import dev.modelsweep.client.SweepRefusedException;
import dev.modelsweep.spec.SpecException;
import io.grpc.Status;
import io.temporal.client.WorkflowNotFoundException;
import io.grpc.StatusRuntimeException;
import dev.modelsweep.activities.IoErrors;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code modelsweep} command. */
@Command(
    name = "modelsweep",
    mixinStandardHelpOptions = true,
    version = "modelsweep 0.1.0",
    description = "Model search and optimization as durable Temporal workflows.",
    subcommands = {
      DevCommand.class,
      ServerCommand.class,
      WorkerCommand.class,
      StartCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      ResultsCommand.class,
      ListCommand.class,
      ControlCommand.Pause.class,
      ControlCommand.Resume.class,
      ControlCommand.Stop.class,
      ControlCommand.Budget.class,
      ControlCommand.Cancel.class,
      ConsoleCommand.class,
      ReportCommand.class,
      picocli.AutoComplete.GenerateCompletion.class,
      BenchCommand.class,
      ChaosCommand.class,
      ModelsCommand.class,
      ServeCommand.class,
      GateCommand.Approve.class,
      GateCommand.Reject.class,
      CommandLine.HelpCommand.class
    })
public final class ModelSweepCli {

  /** Exit code of a spec that fails validation, or other input that cannot work. */
  static final int EXIT_BAD_SPEC = 2;
  /** Exit code when no sweep has the given id. */
  static final int EXIT_NOT_FOUND = 4;
  /** Exit code when the Temporal service cannot be reached. */
  static final int EXIT_UNREACHABLE = 3;
  /** Exit code when a sweep refused a pause, resume or stop (it is done, or stopping). */
  static final int EXIT_REFUSED = 5;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code; tests call this. */
  public static int run(String... args) {
    LogLevels.applySystemProperties();
    return newCommandLine().execute(args);
  }

  /**
   * gRPC's channel logs a failed name resolution with a stack trace (java.util.logging) before
   * the call fails; the call's own error says the same in one line. Held here: a logger that
   * nothing references may be collected, and its level with it.
   */
  private static final Logger GRPC_CHANNEL_LOG = Logger.getLogger("io.grpc.internal.ManagedChannelImpl");

  static CommandLine newCommandLine() {
    GRPC_CHANNEL_LOG.setLevel(Level.SEVERE);
    CommandLine cli = new CommandLine(new ModelSweepCli());
    // A usage error is one line and a pointer to --help, not the whole usage text.
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine command = e.getCommandLine();
      command.getErr().println(e.getMessage());
      // A mistyped option gets picocli's nearest names ("Possible solutions: --api-key-file").
      CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
      command.getErr().println("see `" + command.getCommandSpec().qualifiedName() + " --help`");
      return EXIT_BAD_SPEC;
    });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof SpecException spec) {
            err.println("invalid spec:");
            err.println(spec.getMessage());
            return EXIT_BAD_SPEC;
          }
          if (e instanceof IllegalArgumentException bad) {
            err.println(bad.getMessage());
            return EXIT_BAD_SPEC;
          }
          if (e instanceof SweepRefusedException refused) {
            err.println(refused.getMessage());
            return EXIT_REFUSED;
          }
          if (e instanceof SweepFailedException failed) {
            err.println(failed.getMessage());
            return 1;
          }
          StatusRuntimeException grpc = grpcCause(e);
          if (e instanceof WorkflowNotFoundException
              || (grpc != null && grpc.getStatus().getCode() == Status.Code.NOT_FOUND)) {
            err.println("no such sweep (" + e.getMessage()
                + ")\ncheck the id (`modelsweep start` prints it) and --target/--namespace");
            return EXIT_NOT_FOUND;
          }
          if (grpc != null && grpc.getStatus().getCode() == Status.Code.UNAVAILABLE) {
            err.println(
                "cannot reach Temporal: " + grpc.getStatus().getDescription()
                    + "\nstart one with `modelsweep server`, or pass --target host:port");
            return EXIT_UNREACHABLE;
          }
          // Anything else: one line for the user, never a stack trace on their terminal.
          err.println("modelsweep " + commandLine.getCommandName() + " failed: " + oneLine(e));
          return 1;
        });
    return cli;
  }

  /** The innermost message of {@code e}, first line only; the type's name when none says anything. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t instanceof java.io.IOException io ? IoErrors.describe(io) : t.getMessage();
    if (message == null || message.isBlank()) {
      message = t.getClass().getSimpleName().replace("Exception", "").replace("Error", " error");
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** The gRPC status behind an SDK exception, which often wraps it (WorkflowServiceException). */
  private static StatusRuntimeException grpcCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return grpc;
      }
    }
    return null;
  }
}

package dev.modelsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.spec.Limits;
import dev.modelsweep.worker.WorkerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The worker flags for data roots and limits, parsed as a command that mixes them in. */
class WorkerOptionsTest {

  @Command(name = "test")
  static final class Host {
    @Mixin WorkerOptions worker;
  }

  private static WorkerOptions parse(String... args) {
    Host host = new Host();
    new CommandLine(host).parseArgs(args);
    return host.worker;
  }

  private static final Path CWD = Path.of("").toAbsolutePath();

  @Test
  void defaultsAreTheWorkingDirectoryAndNoLimits() {
    WorkerConfig config = parse().builder().setDataRoots(List.of()).setTrainingSlots(1).build();
    assertEquals(List.of(CWD), config.dataRoots());
    assertEquals(Limits.NONE, config.limits());
  }

  @Test
  void dataRootsRepeatAndTheDevFolderComesAfterThem() {
    WorkerConfig config = parse("--data-root", "/data/a", "--data-root", "rel", "--data-root", "/data/a")
        .builder().addDataRoot(Path.of("/specs")).setTrainingSlots(1).build();
    assertEquals(List.of(Path.of("/data/a"), CWD.resolve("rel"), Path.of("/specs")), config.dataRoots());
    WorkerConfig dev = WorkerConfig.newBuilder().addDataRoot(Path.of("/specs")).setTrainingSlots(1).build();
    assertEquals(List.of(CWD, Path.of("/specs")), dev.dataRoots(), "an added root is extra to the default");
  }

  @Test
  void environmentListsRootsColonSeparated() {
    assertEquals(List.of(Path.of("/a"), Path.of("b"), Path.of("/c d")), WorkerOptions.rootsFromEnv("/a::b: /c d :"));
    assertEquals(List.of(), WorkerOptions.rootsFromEnv(null));
  }

  @Test
  void limitFlags() {
    WorkerConfig config = parse("--max-trials", "50", "--max-layers", "4", "--max-width", "1024", "--max-epochs", "100",
        "--max-rows", "50000").builder().setTrainingSlots(1).build();
    assertEquals(new Limits(50, 4, 1024, 100, 50000), config.limits());
  }

  @Test
  void aLimitBelowOneIsAUsageError() {
    WorkerOptions options = parse("--max-width", "0");
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, options::builder);
    assertTrue(e.getMessage().contains("--max-width must be at least 1, got 0"), e.getMessage());
  }
}

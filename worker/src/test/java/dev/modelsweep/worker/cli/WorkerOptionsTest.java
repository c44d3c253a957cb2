package dev.modelsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.store.s3.S3Location;
import dev.modelsweep.activities.Limits;
import dev.modelsweep.worker.RegistryLocation;
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

  @Test
  void maxMemoryTakesSizesAndDefaultsToAShareOfTheMachine() {
    assertEquals(8L << 30, parse("--max-memory", "8g").builder().setTrainingSlots(1).build().maxMemory());
    assertEquals(512L << 20, parse("--max-memory", "512M").builder().setTrainingSlots(1).build().maxMemory());
    assertEquals(1_000_000L, parse("--max-memory", "1000000").builder().setTrainingSlots(1).build().maxMemory());
    assertEquals(WorkerConfig.defaultMaxMemory(2), parse().builder().setTrainingSlots(2).build().maxMemory());
    assertTrue(WorkerConfig.defaultMaxMemory(2) * 2 <= WorkerConfig.defaultMaxMemory(1) + 1, "split between slots");
    for (String bad : new String[] {"0", "lots", "8x", "-1g", "99999999999999999t"}) {
      assertThrows(CommandLine.ParameterException.class, () -> parse("--max-memory", bad), bad);
    }
  }

  @Test
  void withAStoreTheRegistryIsTheStoresFolderRegistry() {
    WorkerConfig config = parse("--store", "s3://sweeps/team-a", "--artifacts", "/cache/runs").builder()
        .setTrainingSlots(1).build();
    assertEquals(new S3Location("sweeps", "team-a/registry/"), config.registry().s3());
    assertEquals("s3://sweeps/team-a/registry/", config.registry().toString());
  }

  @Test
  void withoutAStoreTheRegistryIsTheFolderNextToTheArtifactRoot() {
    WorkerConfig config = parse("--artifacts", "/srv/runs").builder().setTrainingSlots(1).build();
    assertEquals(RegistryLocation.inFolder(Path.of("/srv/registry")), config.registry());
    assertEquals(WorkerConfig.defaultRegistry(Path.of("/srv/runs")), config.registry().folder());
  }

  @Test
  void registryTakesAFolderOrAnS3UriOverTheDefault() {
    WorkerConfig folder = parse("--store", "s3://sweeps/team-a", "--registry", "reg").builder()
        .setTrainingSlots(1).build();
    assertEquals(CWD.resolve("reg"), folder.registry().folder(), "a folder, even with a store");
    WorkerConfig s3 = parse("--registry", "s3://models/prod").builder().setTrainingSlots(1).build();
    assertEquals(new S3Location("models", "prod/"), s3.registry().s3(), "in S3, even without a store");
    assertEquals(null, s3.store());
  }

  @Test
  void aMalformedRegistryIsAUsageErrorNamingTheOption() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        parse("--registry", "s3://x/models")::builder);
    assertEquals("--registry: 'x' is not a bucket name; use 3-63 lower-case letters, digits, '.' or '-', as in"
        + " s3://my-bucket/sweeps", e.getMessage());
    e = assertThrows(CommandLine.ParameterException.class, parse("--registry", "gs://bucket/models")::builder);
    assertTrue(e.getMessage().startsWith("--registry: 'gs://bucket/models' is neither a folder nor an S3 URI"),
        e.getMessage());
    e = assertThrows(CommandLine.ParameterException.class, parse("--store", "s3://Bucket/runs")::builder);
    assertTrue(e.getMessage().startsWith("--store: 'Bucket' is not a bucket name"), e.getMessage());
  }

  @Test
  void slotsBelowOneNameTheFlag() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, parse("--slots", "0")::builder);
    assertEquals("--slots: 0 must be at least 1 (trials trained at once)", e.getMessage());
  }
}

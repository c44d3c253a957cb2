package dev.modelsweep.worker.cli;

import static dev.modelsweep.worker.cli.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.spec.MalformedSpecs;
import dev.modelsweep.spec.MalformedSpecs.Folder;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.worker.cli.CliRun.Output;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue 6 through the real CLI (embedded service, real worker, real
 * training): each is refused or survived within {@value #MAX_SECONDS} s, in a few lines without a
 * stack trace, and a refused resume leaves every byte of the folder as it was.
 */
class HostileInputCliTest {

  static final long MAX_SECONDS = 10;

  private static final String SPEC =
      """
      {"name": "iris-hostile", "seed": 3, "dataset": "iris",
       "model": {"family": "mlp", "width": 8},
       "training": {"epochs": 8, "batchSize": 32, "checkpointEvery": 4},
       "optimizer": {"type": "adam", "learningRate": 0.05},
       "search": {"strategy": "grid", "space": {"model.width": {"type": "choice", "values": [4, 8]}}}}
      """;

  @TempDir Path dir;

  /** Finding 1: a renamed or copied sweep folder is that sweep; a damaged model file is restored. */
  @Test
  void resumeAfterRenameOrCopyReusesEveryResult() throws Exception {
    Path runs = dir.resolve("runs");
    Output first = devRun(Files.writeString(dir.resolve("iris.json"), SPEC).toString(), "--artifacts", runs.toString());
    assertEquals(0, first.code(), first.text());
    Path original = Path.of(lastLine(first, "results: "));
    JsonNode before = leaderboard(original);

    Path copied = runs.resolve("copied-sweep");
    copyTree(original, copied);
    Path renamed = runs.resolve("renamed-sweep");
    Files.move(original, renamed);
    // A completed trial's weights damaged on disk: restored from its checksummed checkpoint.
    Files.writeString(renamed.resolve("trials/t000/model.params"), "damaged");

    for (Path folder : List.of(renamed, copied)) {
      Output resumed = devRun("--resume", folder.toString());
      assertEquals(0, resumed.code(), resumed.text());
      assertNull(resumed.leak(), resumed.text());
      JsonNode after = leaderboard(folder);
      assertEquals(before.size(), after.size());
      for (int i = 0; i < before.size(); i++) {
        assertEquals("completed", after.get(i).get("status").asText(), after.toString());
        assertEquals(before.get(i).get("metrics").get("val_accuracy"), after.get(i).get("metrics").get("val_accuracy"));
      }
    }
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(copied.resolve("trials/t000/model.params")),
        Files.readAllBytes(renamed.resolve("trials/t000/model.params"))), "the damaged weights were restored");
  }

  /** Finding 1, last line of defence: a rerun that would turn a finished trial into a failure writes no results. */
  @Test
  void aResultIsNeverOverwrittenWithAWorseOne() throws Exception {
    Output first = devRun(Files.writeString(dir.resolve("iris.json"), SPEC).toString(),
        "--artifacts", dir.resolve("runs").toString());
    assertEquals(0, first.code(), first.text());
    Path folder = Path.of(lastLine(first, "results: "));
    // t000 loses its weights and checkpoints, and the rerun's worker cannot afford to retrain it.
    Path t000 = folder.resolve("trials/t000");
    try (Stream<Path> paths = Files.walk(t000.resolve("checkpoints"))) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Files.delete(t000.resolve("model.params"));
    Map<String, String> results = new TreeMap<>();
    for (String file : List.of("spec.json", "leaderboard.json", "trials/t000/trial.json", "trials/t001/trial.json")) {
      results.put(file, hashes(folder.resolve(file)).get(""));
    }

    Output rerun = devRun("--resume", folder.toString(), "--max-memory", "1k");
    assertEquals(1, rerun.code(), rerun.text());
    assertTrue(rerun.text().contains("was kept as it was: this run would replace finished trials with failures: "
        + "t000 (completed, now failed: OutOfMemory: "), rerun.text());
    assertNull(rerun.leak(), rerun.text());
    for (Map.Entry<String, String> e : results.entrySet()) {
      assertEquals(e.getValue(), hashes(folder.resolve(e.getKey())).get(""), e.getKey() + " changed");
    }
  }

  /** Finding 4 and the generator's damaged folders: refused with exit 2, nothing changed, at once. */
  @Test
  void damagedSweepFoldersAreRefusedByteForByte() throws Exception {
    List<Folder> folders = MalformedSpecs.damagedSweepFolders(Files.createDirectories(dir.resolve("damaged")));
    MalformedSpecs.Tally tally = new MalformedSpecs.Tally();
    long start = System.nanoTime();
    for (Folder f : folders) {
      Map<String, String> before = hashes(f.folder());
      long t0 = System.nanoTime();
      Output out = cli("dev", "--resume", f.folder().toString(), "--slots", "1");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      String failure = null;
      if (out.code() != ModelSweepCli.EXIT_BAD_SPEC) {
        failure = "exit " + out.code();
      } else if (f.anyOf().stream().noneMatch(out.text()::contains)) {
        failure = "names none of " + f.anyOf();
      } else if (out.leak() != null) {
        failure = "printed '" + out.leak() + "'";
      } else if (!before.equals(hashes(f.folder()))) {
        failure = "changed the folder";
      } else if (millis > MAX_SECONDS * 1000) {
        failure = "took " + millis + " ms";
      }
      tally.add(f, failure == null ? null : failure + ": " + out.text(), millis);
    }
    String table = tally.table("damaged sweep folders through dev --resume", (System.nanoTime() - start) / 1_000_000);
    System.out.println(table);
    assertTrue(tally.total() >= 15, table);
    assertEquals(List.of(), tally.failures(), table);
  }

  /** Finding 3 through dev: a truncated .csv.gz fails the sweep at once, naming field, file and cause. */
  @Test
  void aTruncatedGzipFailsTheSweepAtOnce() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      rows.append(i % 7).append(',').append(i % 5).append(',').append("abc".charAt(i % 3)).append('\n');
    }
    Path whole = dir.resolve("whole.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
      out.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path spec = Files.writeString(dir.resolve("cut.json"), SPEC.replace("\"dataset\": \"iris\"",
        "\"dataset\": {\"path\": \"cut.csv.gz\"}"));
    long t0 = System.nanoTime();
    Output out = devRun(spec.toString(), "--artifacts", dir.resolve("runs").toString());
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertEquals(1, out.code(), out.text());
    assertTrue(out.text().contains("dataset.path: cannot read " + dir.resolve("cut.csv.gz").toRealPath()
        + ": the file ends too early"), out.text());
    assertNull(out.leak(), out.text());
    assertTrue(seconds < MAX_SECONDS, seconds + " s");
  }

  /** Finding 2: a trial over --max-memory fails, with estimate and limit, and the sweep goes on. */
  @Test
  void aTrialOverMaxMemoryFailsWithTheEstimateAndTheWorkerGoesOn() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    Output out = devRun(spec.toString(), "--artifacts", dir.resolve("runs").toString(), "--max-memory", "1k");
    assertEquals(0, out.code(), out.text());
    Path folder = Path.of(lastLine(out, "results: "));
    for (JsonNode trial : leaderboard(folder)) {
      assertEquals("failed", trial.get("status").asText());
      String reason = trial.get("failure").asText();
      assertTrue(reason.startsWith("OutOfMemory: the trial needs about "), reason);
      assertTrue(reason.contains("over this worker's --max-memory of 1.0 KiB; lower model.width"), reason);
      assertTrue(!Files.exists(folder.resolve("trials").resolve(trial.get("id").asText()).resolve("model.params")),
          "refused before training");
    }
    assertNull(out.leak(), out.text());
  }

  /** Findings 5 and 7 on the command line: one line (and a pointer to --help), exit 2, no trace. */
  @Test
  void badCommandLinesGetOneLineAndExitTwo() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    Path aFile = Files.writeString(dir.resolve("a-file"), "x");
    Path bom = Files.writeString(dir.resolve("bom.json"), "\uFEFF" + SPEC);
    Path huge = Files.writeString(dir.resolve("huge.json"), SPEC.replace("[4, 8]", "[4, 1e309]"));
    Path resumeSpecFolder = Files.createDirectories(dir.resolve("sweep-x/spec.json"));
    record Bad(List<String> args, int code, String says) {}
    List<Bad> cases = List.of(
        new Bad(List.of("dev", dir.toString()), 2, "is a folder; give the sweep's JSON file"),
        new Bad(List.of("dev", spec.toString(), "--artifacts", aFile.toString()), 2, "--artifacts: " + aFile + " is a file"),
        new Bad(List.of("dev", spec.toString(), "--artifacts", aFile.resolve("sub").toString()), 2,
            "--artifacts: cannot create " + aFile.resolve("sub")),
        new Bad(List.of("dev", spec.toString(), "--artifacts", "/proc/no-such/runs"), 2,
            "--artifacts: cannot create /proc/no-such/runs"),
        new Bad(List.of("dev", "--resume", resumeSpecFolder.getParent().toString()), 2,
            resumeSpecFolder + " is not a file"),
        new Bad(List.of("dev"), 2, "give a SPEC file, or --resume DIR"),
        new Bad(List.of("dev", spec.toString(), "--slots", "0"), 2, "--slots: 0 must be at least 1"),
        new Bad(List.of("dev", bom.toString()), 2, "byte-order mark (BOM)"),
        new Bad(List.of("dev", huge.toString()), 2,
            "$.search.space['model.width'].values[1]: a number beyond the range of a double"),
        new Bad(List.of("dev", spec.toString(), "--max-memory", "lots"), 2, "--max-memory"),
        new Bad(List.of("start", dir.toString(), "--target", "127.0.0.1:1"), 2, "is a folder"),
        new Bad(List.of("start", bom.toString(), "--target", "127.0.0.1:1"), 2, "byte-order mark (BOM)"),
        new Bad(List.of("status", "x", "--target", "notahost:7233"), ModelSweepCli.EXIT_UNREACHABLE,
            "cannot reach Temporal"),
        new Bad(List.of("results", "x", "--target", "notahost:7233"), ModelSweepCli.EXIT_UNREACHABLE,
            "cannot reach Temporal"),
        new Bad(List.of("watch", "x", "--target", "notahost:7233"), ModelSweepCli.EXIT_UNREACHABLE,
            "cannot reach Temporal"));
    List<String> failures = new ArrayList<>();
    for (Bad bad : cases) {
      long t0 = System.nanoTime();
      Output out = cli(bad.args().toArray(String[]::new));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      if (out.code() != bad.code() || !out.text().contains(bad.says()) || out.leak() != null
          || out.text().lines().count() > 3 || millis > MAX_SECONDS * 1000) {
        failures.add(bad.args() + " -> exit " + out.code() + " in " + millis + " ms:\n" + out.text());
      }
    }
    assertEquals(List.of(), failures);
  }

  /** Finding 7: a trial's id is not a sweep's, and status, results and watch say so. */
  @Test
  void aTrialIdIsNotTakenForASweep() throws Exception {
    Path spec = Files.writeString(dir.resolve("iris.json"), SPEC);
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(dir.resolve("runs")).setTrainingSlots(1).build())) {
      Output started = cli("start", spec.toString(), "--target", server.target());
      String id = started.text().trim().substring(started.text().trim().lastIndexOf(' ') + 1);
      assertEquals(0, cli("watch", id, "--target", server.target()).code());
      for (String command : List.of("status", "results", "watch")) {
        Output out = cli(command, id + "/t000", "--target", server.target());
        assertEquals(ModelSweepCli.EXIT_BAD_SPEC, out.code(), out.text());
        assertTrue(out.text().startsWith(id + "/t000 is a TrialWorkflow, not a sweep: trial t000 of sweep " + id),
            out.text());
        assertNull(out.leak(), out.text());
      }
    }
  }

  private Output devRun(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("dev"));
    all.addAll(List.of(args));
    all.addAll(List.of("--slots", "1"));
    return cli(all.toArray(String[]::new));
  }

  private static String lastLine(Output out, String prefix) {
    return out.text().lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElseThrow(
        () -> new AssertionError("no '" + prefix + "' line in\n" + out.text())).substring(prefix.length());
  }

  private static JsonNode leaderboard(Path folder) throws IOException {
    return new ObjectMapper().readTree(folder.resolve("leaderboard.json").toFile());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  /** Every path under {@code root} (the root too) with the SHA-256 of a file's bytes, or "dir". */
  static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
            : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}

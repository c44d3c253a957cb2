package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.Digests;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import dev.modelsweep.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference forms a teacher or source may take, read from a worker's artifacts and store. */
class SourceModelsTest {

  @TempDir Path root;

  @Test
  void aFinishedTrialOfAnEarlierSweepIsReadFromTheArtifactFolder() throws Exception {
    SweepSpec spec = SpecParser.parse("""
        {"name": "a", "dataset": "iris", "model": {"family": "mlp", "hiddenLayers": [4]},
         "training": {"epochs": 2, "batchSize": "full"}}""");
    TrialConfig config = TrialConfigs.resolve(spec, "pipe/teacher", 0, Map.of());
    TrainResult trained = TrainingRuns.straight(root, config);
    ArtifactStore artifacts = new ArtifactStore(root);
    // What saveResults leaves: the sweep's spec and each trial's record.
    artifacts.writeAtomic(ArtifactLayout.sweepDir("pipe/teacher") + "/spec.json", Json.bytes(SpecParser.toJson(spec)));
    artifacts.writeAtomic(ArtifactLayout.trialDir("pipe/teacher", "t000") + "/trial.json", Json.bytes(
        new TrialResult("t000", 0, Map.of(), TrialResult.Status.COMPLETED, Map.of(), null, null)));
    SourceModels sources = new SourceModels(artifacts, new FolderBlobStore(root.resolve("store")));

    List<SourceModels.Source> found = sources.resolve("pipe/teacher/t000", "distill.teacher");
    assertEquals(1, found.size());
    assertEquals(config, found.get(0).config());
    assertEquals(Digests.sha256(artifacts.read(trained.model())), found.get(0).digest());

    String missing = assertThrows(InvalidSpecException.class,
        () -> sources.resolve("pipe/teacher/t007", "finetune.source")).getMessage();
    assertTrue(missing.startsWith("finetune.source: trial pipe/teacher/t007 has no "), missing);
    String stage = assertThrows(InvalidSpecException.class,
        () -> sources.resolve("stage:teacher", "distill.teacher")).getMessage();
    assertTrue(stage.startsWith("distill.teacher: \"stage:teacher\" names a pipeline stage"), stage);
  }
}

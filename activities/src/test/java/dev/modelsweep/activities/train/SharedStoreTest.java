package dev.modelsweep.activities.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.Trials;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.ForwardingBlobStore;
import dev.modelsweep.activities.store.s3.S3BlobStore;
import dev.modelsweep.activities.store.s3.S3Proxy;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers with separate local folders and one S3 store (a real s3proxy): what one trains the
 * other evaluates, and what one began the other resumes from its checkpoint.
 */
class SharedStoreTest {

  @TempDir static Path serverDir;
  private static S3Proxy proxy;
  private static S3BlobStore shared;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    proxy = S3Proxy.start(serverDir);
    proxy.createBucket("sweeps");
    shared = S3BlobStore.open("s3://sweeps/runs", proxy.connection());
  }

  @AfterAll
  static void stopServer() {
    if (shared != null) {
      shared.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static TrialConfig trial(String id) {
    return Trials.digits(id, Trials.mlp(List.of(32), 0, false), Trials.training(5, 32, 1),
        Trials.optimizer(OptimizerSpec.Type.ADAM, 0.01));
  }

  /** A worker's view: its own cache folder, the shared store (counting downloads). */
  private ArtifactStore worker(String name, AtomicInteger downloads) {
    return new ArtifactStore(dir.resolve(name), new CountingStore(shared, downloads));
  }

  private static TrialTrainer trainer(ArtifactStore store) {
    return new TrialTrainer(store, Datasets.shared(), shared.within("store"), TrialTrainer.NO_MEMORY_LIMIT);
  }

  @Test
  void evaluateOnAnotherWorkerReadsTheWeightsFromTheStore() throws IOException {
    AtomicInteger downloadsA = new AtomicInteger();
    AtomicInteger downloadsB = new AtomicInteger();
    ArtifactStore a = worker("a", downloadsA);
    ArtifactStore b = worker("b", downloadsB);
    TrialConfig trial = trial("eval-elsewhere");
    TrainResult trained = trainer(a).train(TrainRequest.full(trial), EpochListener.NONE);
    Evaluation here = new TrialEvaluator(a).evaluate(new EvaluateRequest(trial, trained.model()));
    assertEquals(0, downloadsA.get(), "a trial that stays on one worker downloads nothing");
    assertFalse(Files.exists(dir.resolve("b").resolve(trained.model())), "worker b has no weights of its own");

    Evaluation there = new TrialEvaluator(b).evaluate(new EvaluateRequest(trial, trained.model()));
    assertEquals(here.testAccuracy(), there.testAccuracy());
    assertEquals(here.valLoss(), there.valLoss());
    assertEquals(here.params(), there.params());
    assertTrue(downloadsB.get() > 0, "worker b downloaded the weights");
    assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(trained.model())),
        Files.readAllBytes(dir.resolve("b").resolve(trained.model())), "and cached them");
  }

  @Test
  void aTrialResumesOnAnotherWorkerFromItsCheckpoint() throws IOException {
    TrialConfig trial = trial("resume-elsewhere");
    TrainResult straight = TrainingRuns.straight(dir.resolve("alone"), trial);

    ArtifactStore a = worker("a", new AtomicInteger());
    assertThrows(TrainingRuns.Crash.class, () -> trainer(a).train(TrainRequest.full(trial), TrainingRuns.crashAfter(3)));
    ArtifactStore b = worker("b", new AtomicInteger());
    TrainResult resumed = trainer(b).train(TrainRequest.full(trial), EpochListener.NONE);

    assertEquals(3, resumed.resumedFromEpoch(), "worker b continued after epoch 3, not from scratch");
    assertArrayEquals(TrainingRuns.modelBytes(dir.resolve("alone"), straight), b.read(resumed.model()),
        "the same weights as an uninterrupted run");
  }

  @Test
  void aCorruptNewestCheckpointInTheStoreFallsBackToTheOneBefore() throws IOException {
    TrialConfig trial = trial("corrupt-newest");
    TrainResult straight = TrainingRuns.straight(dir.resolve("alone"), trial);
    ArtifactStore a = worker("a", new AtomicInteger());
    assertThrows(TrainingRuns.Crash.class, () -> trainer(a).train(TrainRequest.full(trial), TrainingRuns.crashAfter(3)));
    // Flip a byte of the newest checkpoint as the object server holds it (its filesystem backend).
    Path object = serverDir.resolve("data/sweeps/runs").resolve(
        ArtifactLayout.checkpointDir(trial.sweepId(), trial.trialId()) + "/" + ArtifactLayout.checkpointFile(3));
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 1;
    Files.write(object, bytes);

    TrainResult resumed = trainer(worker("b", new AtomicInteger())).train(TrainRequest.full(trial), EpochListener.NONE);
    assertEquals(2, resumed.resumedFromEpoch(), "the damaged epoch-3 checkpoint is skipped");
    assertArrayEquals(TrainingRuns.modelBytes(dir.resolve("alone"), straight),
        worker("b", new AtomicInteger()).read(resumed.model()));
  }

  /** The shared store, counting the downloads from it. */
  private static final class CountingStore extends ForwardingBlobStore {
    private final AtomicInteger gets;

    CountingStore(BlobStore store, AtomicInteger gets) {
      super(store);
      this.gets = gets;
    }

    @Override
    public byte[] get(String key) throws IOException {
      gets.incrementAndGet();
      return super.get(key);
    }
  }
}

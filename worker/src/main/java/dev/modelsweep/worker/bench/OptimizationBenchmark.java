package dev.modelsweep.worker.bench;

import dev.modelsweep.activities.data.DataRoots;
import dev.modelsweep.activities.data.Datasets;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.FolderBlobStore;
import dev.modelsweep.activities.store.ModelLists;
import dev.modelsweep.activities.train.EpochListener;
import dev.modelsweep.activities.train.TrialEvaluator;
import dev.modelsweep.activities.train.TrialTrainer;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.EvaluateRequest;
import dev.modelsweep.trial.Evaluation;
import dev.modelsweep.trial.TrainRequest;
import dev.modelsweep.trial.TrainResult;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Transfer learning and knowledge distillation measured on MNIST IDX files, with the real trainer
 * and evaluator (no Temporal): every configuration is a spec, as a user would write it, trained to
 * its test accuracy. Each seed seeds the split, the initialisation and the shuffles of every model
 * of its row, so rows compare like with like. Pixels stay in [0, 1] ({@code normalize: none}):
 * a z-score fitted on each task's own train split would feed the source's layers other inputs
 * than they learned on.
 */
public final class OptimizationBenchmark {

  /** The networks compared in {@link #transfer}. */
  public enum Family {
    MLP("{\"family\": \"mlp\", \"hiddenLayers\": [256, 128]}"),
    CNN("{\"family\": \"cnn\", \"convBlocks\": 2, \"channels\": 16, \"dense\": [64]}");

    private final String model;

    Family(String model) {
      this.model = model;
    }
  }

  /**
   * One transfer measurement: target test accuracy from scratch, with the source's layers frozen,
   * and with them fine-tuned at a tenth of the head's rate.
   */
  public record TransferRow(Family family, long seed, double source, double scratch, double frozen, double tuned) {}

  /** One distillation measurement: test accuracies and parameter counts. */
  public record DistillRow(long seed, double teacher, double alone, double distilled, long teacherParams,
      long studentParams) {}

  /**
   * What a run trains.
   *
   * @param mnist folder of the MNIST IDX files ({@code train-images-idx3-ubyte.gz}, ...)
   * @param seeds seeds 1..seeds
   * @param limit rows of MNIST used (a stratified sample), before class selection
   * @param epochs epochs of the source or teacher; transfer targets train twice as many
   */
  public record Setup(Path mnist, int seeds, int limit, int epochs, Path scratch) {}

  /** Batch of the 500-row targets: small, so that each epoch takes several steps. */
  private static final int TARGET_BATCH = 16;

  private final Setup setup;
  private final ArtifactStore artifacts;
  private final FolderBlobStore store;
  private final TrialTrainer trainer;
  private final TrialEvaluator evaluator;
  private int index;

  public OptimizationBenchmark(Setup setup) {
    this.setup = setup;
    Datasets datasets = new Datasets(4, DataRoots.of(List.of(setup.mnist())));
    this.artifacts = new ArtifactStore(setup.scratch());
    this.store = new FolderBlobStore(setup.scratch().resolve(FolderBlobStore.DEFAULT_FOLDER));
    this.trainer = new TrialTrainer(artifacts, datasets, store, TrialTrainer.NO_MEMORY_LIMIT);
    this.evaluator = new TrialEvaluator(artifacts, datasets);
  }

  /**
   * Source: digits 0-4, all rows of the sample. Target: digits 5-9 with 100 training rows per
   * class, its validation and test splits whole. The fine-tunes take {@code keepLayers} layers
   * (null: all hidden layers or blocks).
   */
  public void transfer(List<Family> families, Integer keepLayers, Consumer<TransferRow> out) throws IOException {
    String keep = keepLayers == null ? "" : ", \"keepLayers\": " + keepLayers;
    for (Family family : families) {
      for (long seed = 1; seed <= setup.seeds(); seed++) {
        String source = dataset("[0, 1, 2, 3, 4]", "");
        String target = dataset("[5, 6, 7, 8, 9]", ", \"perClassLimit\": 100");
        TrialConfig sourceTrial = trial(seed, source, family.model, setup.epochs(), 64, "");
        Measured src = train(sourceTrial);
        String list = ModelLists.putTrained(store, sourceTrial, artifacts.read(src.model()));
        int epochs = 2 * setup.epochs();
        double scratch = train(trial(seed, target, family.model, epochs, TARGET_BATCH, "")).accuracy();
        double frozen = train(trial(seed, target, family.model, epochs, TARGET_BATCH,
            ", \"finetune\": {\"source\": \"" + list + "\", \"freeze\": true" + keep + "}")).accuracy();
        double tuned = train(trial(seed, target, family.model, epochs, TARGET_BATCH,
            ", \"finetune\": {\"source\": \"" + list + "\", \"bodyLearningRateScale\": 0.1" + keep + "}")).accuracy();
        out.accept(new TransferRow(family, seed, src.accuracy(), scratch, frozen, tuned));
      }
    }
  }

  /**
   * What {@link #distill} trains.
   *
   * @param teacher the teacher's {@code model} section, as a spec writes it
   * @param student the student's {@code model} section
   * @param studentEpochs epochs of each student, alone and distilled
   * @param temperature T of the distillation loss
   * @param alpha weight of the teacher's term
   */
  public record Distillation(String teacher, String student, int studentEpochs, double temperature, double alpha) {}

  /**
   * Per seed: the teacher ({@link Setup#epochs} epochs), then the student trained on labels alone
   * and distilled from that teacher, same split and initialisation.
   */
  public void distill(Distillation d, Consumer<DistillRow> out) throws IOException {
    String all = dataset(null, "");
    for (long seed = 1; seed <= setup.seeds(); seed++) {
      TrialConfig teacherTrial = trial(seed, all, d.teacher(), setup.epochs(), 64, "");
      Measured teacher = train(teacherTrial);
      String list = ModelLists.putTrained(store, teacherTrial, artifacts.read(teacher.model()));
      Measured alone = train(trial(seed, all, d.student(), d.studentEpochs(), 64, ""));
      Measured distilled = train(trial(seed, all, d.student(), d.studentEpochs(), 64,
          ", \"distill\": {\"teacher\": \"" + list + "\", \"temperature\": " + d.temperature()
              + ", \"alpha\": " + d.alpha() + "}"));
      out.accept(new DistillRow(seed, teacher.accuracy(), alone.accuracy(), distilled.accuracy(),
          teacher.params(), distilled.params()));
    }
  }

  private record Measured(String model, double accuracy, long params) {}

  private Measured train(TrialConfig trial) throws IOException {
    TrainResult result = trainer.train(TrainRequest.full(trial), EpochListener.NONE);
    Evaluation evaluation = evaluator.evaluate(new EvaluateRequest(trial, result.model()));
    return new Measured(result.model(), evaluation.testAccuracy(), evaluation.params());
  }

  private String dataset(String classes, String extra) {
    return "{\"format\": \"idx\", \"images\": \"train-images-idx3-ubyte.gz\", \"labels\": \"train-labels-idx1-ubyte.gz\","
        + " \"normalize\": \"none\", \"limit\": " + setup.limit() + (classes == null ? "" : ", \"classes\": " + classes) + extra + "}";
  }

  private TrialConfig trial(long seed, String dataset, String model, int epochs, int batch, String sections) {
    SweepSpec spec = SpecParser.parse("{\"name\": \"bench\", \"seed\": " + seed + ", \"dataset\": " + dataset
        + ", \"model\": " + model + ", \"training\": {\"epochs\": " + epochs + ", \"batchSize\": " + batch + ","
        + " \"checkpointEvery\": " + epochs + "}, \"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.001}"
        + sections + "}");
    int i = index++;
    return TrialConfigs.resolve(spec, "bench-optimize", i, Map.of());
  }
}

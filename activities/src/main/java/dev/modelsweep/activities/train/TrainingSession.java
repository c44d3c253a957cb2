package dev.modelsweep.activities.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.DivergedException;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.Shuffle;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.data.Table;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.optim.Optimizers;
import dev.modelsweep.activities.optim.ParameterOptimizer;
import dev.modelsweep.spec.OptimizerSpec;
import dev.modelsweep.spec.ScheduleSpec;
import dev.modelsweep.spec.TrainingSpec;
import dev.modelsweep.trial.EpochMetrics;
import dev.modelsweep.trial.TrialConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One trial's model, optimizer and data on one thread, for one train call: owns the NDManager
 * that holds the weights and optimizer state, and keeps libtorch's grad recording off for the
 * thread while open. Must be used and closed on the thread that opened it.
 *
 * <p>Throughput: the step loop makes as few engine calls as it can, since at these model sizes
 * each call's overhead, not the arithmetic, bounds an epoch. The train split lives on the engine
 * (one copy, plus the epoch's shuffled copy while an epoch runs), so a batch is a slice; the
 * optimizer updates flat buffers; and step losses are read back once per epoch. A network that is a
 * plain ReLU chain, trained on labels, is differentiated by {@link ReluChainBackprop} instead of
 * autograd.
 */
final class TrainingSession implements AutoCloseable {

  /** Seed streams; distinct purposes must never share a random sequence. */
  private static final long INIT = 1;
  private static final long SHUFFLE = 2;
  private static final long DROPOUT = 3;
  private static final long ENGINE = 4;

  private final TrialConfig trial;
  private final SplitDataset data;
  private final Engine engine = Engine.getEngine("PyTorch");
  private final NDManager manager;
  private final Autograd.Mode gradOff;
  private final Network net;
  /** The parameters {@link #optimizer} trains: all trainable ones, or a fine-tune's head. */
  private final Map<String, Parameter> params;
  private final ParameterOptimizer optimizer;
  /** A fine-tune's kept layers when they train (at their own rate); else empty, and no optimizer. */
  private final Map<String, Parameter> bodyParams;
  private final ParameterOptimizer bodyOptimizer;
  private final double bodyScale;
  /** A fine-tune's kept layers when frozen: in no optimizer, their gradients zeroed each step. */
  private final Map<String, Parameter> frozen;
  private final ParameterStore ps;
  /** The train split on the engine: features batch-shaped, labels as a column of class indices. */
  private final NDArray trainX;
  private final NDArray trainY;
  /** The teacher's logits on the train split, {@code [rows, classes]}, when distilling; else null. */
  private final NDArray trainTeacher;
  private final Distillation distillation;
  /** The network's gradients without autograd, when it is a ReLU chain and not distilled; else null. */
  private final ReluChainBackprop chain;
  private final ScheduleSpec schedule;
  private final double peakRate;
  private final int totalEpochs;
  private final int[] bounds;
  /** With {@code training.dataParallel} over 1, the other replicas; else null. */
  private final Replicas replicas;

  /**
   * Builds the network with its seeded initial weights and a fresh optimizer. With a {@code
   * distillation} (or null), trains on its loss, the teacher's logits gathered per batch like the
   * labels; with a {@code fineTuning} (or null), starts from the source's layers, which either
   * stay out of every optimizer (frozen) or get one of their own at the body's rate.
   */
  TrainingSession(TrialConfig trial, SplitDataset data, TrainingSpec training, OptimizerSpec optimizerSpec,
      Distillation distillation, FineTuning fineTuning) throws IOException {
    this(trial, data, training, optimizerSpec, distillation, fineTuning, null);
  }

  /** As above, with every array on {@code device} (null: the engine's default device). */
  TrainingSession(TrialConfig trial, SplitDataset data, TrainingSpec training, OptimizerSpec optimizerSpec,
      Distillation distillation, FineTuning fineTuning, ai.djl.Device device) throws IOException {
    this.trial = trial;
    this.distillation = distillation;
    this.data = data;
    this.totalEpochs = training.epochsOrDefault();
    this.bounds = batchBounds(data.train().rows(), batchSize(training, data.train().rows()));
    this.schedule = optimizerSpec.scheduleOrDefault();
    this.peakRate = optimizerSpec.learningRateOrDefault();
    this.net = TrialEvaluator.network(trial, data);
    this.manager = device == null ? engine.newBaseManager() : engine.newBaseManager(device);
    this.gradOff = Autograd.off();
    try {
      // Our initialiser and dropout draw from java.util.Random; the engine seed only pins any
      // libtorch randomness an op might still use. It is process-wide, so nothing relies on it.
      engine.setRandomSeed((int) Shuffle.mix(trial.seed(), ENGINE));
      net.initialize(manager, Shuffle.mix(trial.seed(), INIT));
      FineTuning.Groups groups = fineTuning == null
          ? FineTuning.Groups.all(net) : fineTuning.start(net, manager, data);
      this.params = groups.head();
      this.bodyParams = groups.body();
      this.frozen = groups.frozen();
      this.bodyScale = fineTuning == null ? 1 : fineTuning.bodyLearningRateScale();
      this.optimizer = Optimizers.create(optimizerSpec, manager, params);
      this.bodyOptimizer = bodyParams.isEmpty() ? null : Optimizers.create(optimizerSpec, manager, bodyParams);
      this.ps = new ParameterStore(manager, false);
      Table train = data.train();
      this.trainX = manager.create(train.x(), net.batchShape(train.rows()));
      this.trainY = Losses.labels(manager, train.y(), 0, train.rows());
      this.trainTeacher = distillation == null ? null : distillation.onEngine(manager, train.rows());
      int parallel = training.dataParallelOrDefault();
      if (parallel < 1) {
        throw new InvalidSpecException("training.dataParallel: " + parallel + " must be at least 1");
      }
      this.replicas = parallel == 1 ? null : new Replicas(parallel, net, ps, () -> TrialEvaluator.network(trial, data),
          device, Shuffle.mix(trial.seed(), INIT));
      // Replicas average autograd's gradients, so data-parallel training keeps autograd.
      this.chain = distillation != null || replicas != null || net.reluChain().isEmpty()
          ? null : new ReluChainBackprop(net.reluChain());
    } catch (RuntimeException | IOException e) {
      close();
      throw e;
    }
  }

  int steps() {
    return bounds.length - 1;
  }

  /** Loads weights and optimizer state into the arrays the session holds; call before the first epoch. */
  void restore(Checkpoint c) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.optimizer()))) {
      Weights.load(net, manager, c.weights());
      optimizer.load(manager, in);
      if (bodyOptimizer != null) {
        bodyOptimizer.load(manager, in);
      }
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint of epoch " + c.epoch() + " does not fit the trial's model: " + e.getMessage(), e);
    }
  }

  /**
   * Trains one epoch and scores the validation split. Losses stay on the engine until the
   * epoch's end, where one read checks them: a step whose loss is not finite is reported then,
   * with its number, and nothing of the epoch is kept.
   *
   * @param epoch 1-based
   * @throws DivergedException if a loss is not finite
   */
  EpochMetrics runEpoch(int epoch, EpochListener listener) {
    engine.setRandomSeed((int) Shuffle.mix(trial.seed(), ENGINE, epoch));
    net.noise().reseed(Shuffle.mix(trial.seed(), DROPOUT, epoch));
    if (replicas != null) {
      replicas.reseed(Shuffle.mix(trial.seed(), DROPOUT, epoch));
    }
    // A fresh identity each epoch: the order depends only on (seed, epoch), not on history.
    int[] order = Shuffle.identity(data.train().rows());
    Shuffle.permute(order, new Random(Shuffle.mix(trial.seed(), SHUFFLE, epoch)));
    int steps = steps();
    double lr = peakRate;
    float[] losses;
    // The split in this epoch's order, one copy per epoch: each batch is then a slice (a view).
    try (NDArray permutation = manager.create(Arrays.stream(order).asLongStream().toArray());
        NDArray x = trainX.get(permutation);
        NDArray y = trainY.get(permutation);
        NDArray teacher = trainTeacher == null ? null : trainTeacher.get(permutation);
        NDList stepLosses = new NDList(steps)) {
      for (int step = 0; step < steps; step++) {
        lr = schedule.rate(peakRate, epoch - 1, step, steps, totalEpochs);
        long t = (long) (epoch - 1) * steps + step + 1;
        stepLosses.add(update(x, y, teacher, bounds[step], bounds[step + 1], lr, t));
        listener.onStep(epoch, step + 1, steps);
      }
      try (NDArray all = NDArrays.stack(stepLosses)) {
        losses = all.toFloatArray();
      }
    }
    double lossSum = 0;
    for (int step = 0; step < steps; step++) {
      if (!Float.isFinite(losses[step])) {
        throw new DivergedException(epoch, "training loss at step " + (step + 1) + " of " + steps, losses[step]);
      }
      lossSum += (double) losses[step] * (bounds[step + 1] - bounds[step]);
    }
    Losses.Score val = Losses.score(net, ps, manager, data.validation(), data.classes());
    if (!Double.isFinite(val.loss())) {
      throw new DivergedException(epoch, "validation loss", val.loss());
    }
    return new EpochMetrics(epoch, lossSum / data.train().rows(), val.loss(), val.accuracy(), lr);
  }

  /**
   * One mini-batch update on the rows {@code batch} of {@code x}, {@code y} and, when distilling,
   * {@code teacher}; returns the batch's mean loss, a scalar outside any scope, for the caller to
   * close.
   */
  private NDArray update(NDArray x, NDArray y, NDArray teacher, int from, int to, double lr, long t) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray value;
      if (chain != null) {
        NDIndex batch = NDIndex.sliceAxis(0, from, to);
        ReluChainBackprop.Step step = chain.lossAndGradients(x.get(batch), y.get(batch));
        value = step.loss();
        optimizer.step(params, step.gradients(), lr, t);
        if (bodyOptimizer != null) {
          bodyOptimizer.step(bodyParams, step.gradients(), lr * bodyScale, t);
        }
      } else {
        if (replicas != null) {
          value = replicas.lossAndGradients(x, y, teacher, from, to, this::rowLosses);
        } else {
          NDIndex batch = NDIndex.sliceAxis(0, from, to);
          NDArray xb = x.get(batch);
          NDArray yb = y.get(batch);
          NDArray tb = teacher == null ? null : teacher.get(batch);
          value = Autograd.lossAndBackward(() -> {
            NDArray logits = net.block().forward(ps, new NDList(xb), true).singletonOrThrow();
            return rowLosses(logits, yb, tb).mean();
          });
        }
        optimizer.step(params, lr, t);
        Autograd.zeroGradients(params.values());
        if (bodyOptimizer != null) {
          bodyOptimizer.step(bodyParams, lr * bodyScale, t);
          Autograd.zeroGradients(bodyParams.values());
        }
        Autograd.zeroGradients(frozen.values());
      }
      NDScope.unregister(value);
      return value;
    }
  }

  /** The loss of each row: cross-entropy, or the distillation loss against the teacher's logits. */
  private NDArray rowLosses(NDArray logits, NDArray labels, NDArray teacher) {
    return distillation == null ? Losses.nll(logits, labels) : distillation.loss(logits, labels, teacher);
  }

  /** A checkpoint of the current weights and optimizer state after {@code epoch}. */
  Checkpoint checkpoint(String fingerprint, int epoch, List<EpochMetrics> history) throws IOException {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(state)) {
      optimizer.save(out);
      if (bodyOptimizer != null) {
        bodyOptimizer.save(out);
      }
    }
    return new Checkpoint(fingerprint, epoch, history, weights(), state.toByteArray());
  }

  /** The current weights in {@code model.params} format. */
  byte[] weights() throws IOException {
    return Weights.save(net);
  }

  /** NDArrays the session's manager holds now. */
  int liveArrays() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    try {
      if (replicas != null) {
        replicas.close();
      }
      gradOff.close();
    } finally {
      manager.close();
    }
  }

  private static int batchSize(TrainingSpec training, int rows) {
    Integer size = training.batchSizeOrDefault().size();
    if (size != null && size < 1) {
      throw new InvalidSpecException("training.batchSize: " + size + " must be at least 1, or \"full\"");
    }
    return training.batchSizeOrDefault().resolve(rows);
  }

  /**
   * Start offsets of the batches plus the end: {@code [0, b, 2b, ..., rows]}. A last batch of one
   * row joins the one before it, since batch norm cannot normalise a single row.
   */
  static int[] batchBounds(int rows, int batch) {
    int steps = (rows + batch - 1) / batch;
    if (steps > 1 && rows - (steps - 1) * batch == 1) {
      steps--;
    }
    int[] bounds = new int[steps + 1];
    for (int i = 0; i < steps; i++) {
      bounds[i] = i * batch;
    }
    bounds[steps] = rows;
    return bounds;
  }
}

package dev.modelsweep.activities.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.modelsweep.activities.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data parallelism within a trial: a global batch split over the trial's network and {@code n - 1}
 * replicas of it, each forwarding and back-propagating its rows on a thread of its own. The
 * replicas' gradients are then added to the network's, in replica order, so the optimizer steps on
 * the gradient of the whole batch's mean loss, as with one replica (within float rounding), and the
 * same inputs always give the same bits. Before each batch the replicas take the network's
 * weights. Dropout masks are cut from the whole batch's masks ({@link
 * dev.modelsweep.activities.model.DropoutNoise#window}), so each example gets its one-device mask.
 * Batch normalization keeps per-replica statistics, as PyTorch's DDP does without SyncBatchNorm:
 * the network's running statistics come from its own rows only.
 */
final class Replicas implements AutoCloseable {

  /** The loss of each row of a batch, {@code [rows, 1]}: logits, labels, teacher logits (or null). */
  @FunctionalInterface
  interface RowLosses {
    NDArray of(NDArray logits, NDArray labels, NDArray teacher);
  }

  private record Replica(Network net, NDManager manager, ParameterStore ps, List<Parameter> trainable) {}

  private final Network master;
  private final ParameterStore masterPs;
  private final List<Parameter> masterTrainable;
  private final List<Replica> others = new ArrayList<>();
  private final ExecutorService threads;

  /**
   * @param n replicas in all, the network included; at least 2
   * @param build makes one more network of the trial's structure
   */
  Replicas(int n, Network master, ParameterStore masterPs, java.util.function.Supplier<Network> build, Device device,
      long initSeed) {
    this.master = master;
    this.masterPs = masterPs;
    this.masterTrainable = trainable(master);
    Engine engine = Engine.getEngine("PyTorch");
    this.threads = Executors.newFixedThreadPool(n - 1, r -> {
      Thread t = new Thread(r, "modelsweep-replica");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 1; i < n; i++) {
        NDManager manager = device == null ? engine.newBaseManager() : engine.newBaseManager(device);
        Network net = build.get();
        net.initialize(manager, initSeed);
        others.add(new Replica(net, manager, new ParameterStore(manager, false), trainable(net)));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Reseeds every replica's dropout as the network's is reseeded, so all draw the same masks. */
  void reseed(long seed) {
    for (Replica r : others) {
      r.net().noise().reseed(seed);
    }
  }

  /**
   * Rows {@code [lo, hi)} of {@code x}, {@code y} and {@code teacher} (or null), split over the
   * replicas: leaves the whole batch's gradient in the network's parameters and returns the
   * batch's mean loss, a scalar outside any scope, for the caller to close. Call with recording
   * off, on the thread that owns the network.
   */
  NDArray lossAndGradients(NDArray x, NDArray y, NDArray teacher, int lo, int hi, RowLosses losses) {
    int rows = hi - lo;
    // A batch smaller than the replicas leaves the last ones idle rather than with no rows.
    int n = Math.min(others.size() + 1, rows);
    int[] bounds = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      bounds[i] = lo + (int) ((long) rows * i / n);
    }
    for (Replica r : others.subList(0, n - 1)) {
      copyWeights(r);
    }
    List<Future<NDArray>> shards = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      Replica r = others.get(i - 1);
      int from = bounds[i];
      int to = bounds[i + 1];
      shards.add(threads.submit(() -> shard(r.net(), r.ps(), x, y, teacher, lo, hi, from, to, losses)));
    }
    NDArray total = shard(master, masterPs, x, y, teacher, lo, hi, bounds[0], bounds[1], losses);
    try {
      for (Future<NDArray> shard : shards) {
        NDArray value = shard.get();
        NDArray sum = total.add(value);
        total.close();
        value.close();
        total = sum;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replicas trained", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
    addGradients(others.subList(0, n - 1));
    return total;
  }

  /** One replica's rows: its share of the batch's mean loss, back-propagated into its parameters. */
  private static NDArray shard(Network net, ParameterStore ps, NDArray x, NDArray y, NDArray teacher, int lo, int hi,
      int from, int to, RowLosses losses) {
    net.noise().window(hi - lo, from - lo, to - lo);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDIndex rows = NDIndex.sliceAxis(0, from, to);
      NDArray xb = x.get(rows);
      NDArray yb = y.get(rows);
      NDArray tb = teacher == null ? null : teacher.get(rows);
      NDArray value = Autograd.lossAndBackward(() -> {
        NDArray logits = net.block().forward(ps, new NDList(xb), true).singletonOrThrow();
        return losses.of(logits, yb, tb).sum().div((float) (hi - lo));
      });
      NDScope.unregister(value);
      return value;
    }
  }

  /** The network's weights into replica {@code r}, in place (recording is off). */
  private void copyWeights(Replica r) {
    for (int i = 0; i < masterTrainable.size(); i++) {
      r.trainable().get(i).getArray().muli(0).addi(masterTrainable.get(i).getArray());
    }
  }

  /** Adds each replica's gradients to the network's, in replica order, and clears the replicas'. */
  private void addGradients(List<Replica> used) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < masterTrainable.size(); i++) {
        NDArray sum = masterTrainable.get(i).getArray().getGradient();
        for (Replica r : used) {
          sum.addi(r.trainable().get(i).getArray().getGradient());
        }
      }
    }
    for (Replica r : used) {
      Autograd.zeroGradients(r.trainable());
    }
  }

  private static List<Parameter> trainable(Network net) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : net.block().getParameters()) {
      if (p.getValue().requiresGradient()) {
        out.add(p.getValue());
      }
    }
    return out;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    for (Replica r : others) {
      r.manager().close();
    }
  }
}

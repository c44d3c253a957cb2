package dev.modelsweep.activities.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.data.SplitDataset;
import dev.modelsweep.activities.data.Table;
import dev.modelsweep.activities.model.Network;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.Digests;
import dev.modelsweep.trial.TrialConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A teacher's logits on a student's train split, computed once per teacher and data split and
 * kept in the store under {@code logits/sha256-<key>.f32}, where the key hashes the teachers'
 * weight digests and the data's description and seed: every student of a sweep, and every retry,
 * reads them back instead of running the teacher again. An ensemble's logits are the mean of its
 * members'. The teacher sees the student's rows as the student sees them (the same split and
 * normalisation), so teacher and student must read data of the same shape.
 */
final class TeacherLogits {

  private final SourceModels sources;
  private final BlobStore store;

  TeacherLogits(SourceModels sources, BlobStore store) {
    this.sources = sources;
    this.store = store;
  }

  /** {@code [rows * classes]} row-major logits of the train split of {@code data} for {@code student}'s teacher. */
  float[] train(TrialConfig student, SplitDataset data) throws IOException {
    List<SourceModels.Source> teachers = sources.resolve(student.distill().teacher(), "distill.teacher");
    String key = key(teachers, student, data);
    Optional<BlobStore.Blob> kept = store.stat(key);
    if (kept.isPresent()) {
      return floats(store.get(key));
    }
    float[] mean = new float[data.train().rows() * data.classes()];
    for (SourceModels.Source teacher : teachers) {
      float[] logits = logits(teacher, data);
      for (int i = 0; i < mean.length; i++) {
        mean[i] += logits[i] / teachers.size();
      }
    }
    store.put(key, bytes(mean));
    return mean;
  }

  /** The store key: the teachers' digests, in order, and what fixes the train split. */
  static String key(List<SourceModels.Source> teachers, TrialConfig student, SplitDataset data) {
    StringBuilder canonical = new StringBuilder();
    teachers.forEach(t -> canonical.append(t.digest()).append('\n'));
    canonical.append(student.dataset()).append('\n').append(student.seed()).append('\n')
        .append(data.train().rows()).append('x').append(data.classes());
    return "logits/sha256-" + Digests.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)) + ".f32";
  }

  @SuppressWarnings("try") // the recording switch is held for the try's scope
  private static float[] logits(SourceModels.Source teacher, SplitDataset data) throws IOException {
    Table train = data.train();
    int f = train.features();
    float[] out = new float[train.rows() * data.classes()];
    try (NDManager manager = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
        Autograd.Mode off = Autograd.off()) {
      Network net = teacher.load(manager, data, data.classes(), "distill.teacher");
      ParameterStore ps = new ParameterStore(manager, false);
      for (int from = 0; from < train.rows(); from += Losses.SCORE_BATCH) {
        int to = Math.min(train.rows(), from + Losses.SCORE_BATCH);
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDArray x = manager.create(Arrays.copyOfRange(train.x(), from * f, to * f), net.batchShape(to - from));
          float[] batch = net.block().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
          if (batch.length != (to - from) * data.classes()) {
            throw new InvalidSpecException("distill.teacher: the teacher gives " + batch.length / (to - from)
                + " logits per row, the data has " + data.classes() + " classes; distill from a teacher of the same classes");
          }
          System.arraycopy(batch, 0, out, from * data.classes(), batch.length);
        }
      }
    }
    return out;
  }

  private static byte[] bytes(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  private static float[] floats(byte[] bytes) {
    float[] out = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}

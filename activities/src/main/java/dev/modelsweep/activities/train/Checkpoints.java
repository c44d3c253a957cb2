package dev.modelsweep.activities.train;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activityapi.ArtifactLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trial's checkpoint folder: one file per checkpoint, {@code epoch-NNNN.ckpt}, written
 * atomically; the newest {@value #KEEP} are kept so that a damaged newest one still leaves one to
 * fall back on.
 */
final class Checkpoints {

  /** Checkpoints kept per trial. */
  static final int KEEP = 2;

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.ckpt");

  private final ArtifactStore store;
  private final String dir;

  /** @param dir the checkpoint folder, relative to the store root */
  Checkpoints(ArtifactStore store, String dir) {
    this.store = store;
    this.dir = dir;
  }

  String path(int epoch) {
    return dir + "/" + ArtifactLayout.checkpointFile(epoch);
  }

  /**
   * The newest checkpoint that is intact and belongs to {@code fingerprint}; damaged or foreign
   * ones are skipped with a log line.
   */
  Optional<Checkpoint> newestValid(String fingerprint) throws IOException {
    List<Integer> epochs = epochs();
    for (int i = epochs.size() - 1; i >= 0; i--) {
      String path = path(epochs.get(i));
      Checkpoint c;
      try {
        c = Checkpoint.decode(store.read(path));
      } catch (Checkpoint.CorruptException | CorruptArtifactException e) {
        LOG.warn("skipping checkpoint {}: {}; trying the one before", path, e.getMessage());
        continue;
      }
      if (!c.fingerprint().equals(fingerprint)) {
        LOG.warn("skipping checkpoint {}: it belongs to a different trial configuration", path);
        continue;
      }
      if (c.epoch() != epochs.get(i)) {
        LOG.warn("skipping checkpoint {}: it holds epoch {}", path, c.epoch());
        continue;
      }
      return Optional.of(c);
    }
    return Optional.empty();
  }

  /**
   * Deletes checkpoints after {@code epoch}: when training restarts from there they are unusable
   * (damaged or foreign), and leaving them would make pruning keep them over fresh ones.
   */
  void deleteAfter(int epoch) throws IOException {
    for (int e : epochs()) {
      if (e > epoch) {
        LOG.info("deleting unusable checkpoint {}", path(e));
        store.delete(path(e));
      }
    }
  }

  /** Writes {@code c} atomically, then prunes to the newest {@value #KEEP}; returns its path. */
  String write(Checkpoint c) throws IOException {
    String path = path(c.epoch());
    store.writeAtomic(path, c.encode());
    List<Integer> epochs = epochs();
    for (int i = 0; i < epochs.size() - KEEP; i++) {
      store.delete(path(epochs.get(i)));
    }
    return path;
  }

  /** Epochs of the checkpoint files present, ascending. */
  List<Integer> epochs() throws IOException {
    List<Integer> epochs = new ArrayList<>();
    for (String name : store.list(dir)) {
      Matcher m = NAME.matcher(name);
      if (m.matches()) {
        epochs.add(Integer.parseInt(m.group(1)));
      }
    }
    epochs.sort(Comparator.naturalOrder());
    return epochs;
  }
}

package dev.modelsweep.activities.train;

import com.fasterxml.jackson.databind.JavaType;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.Json;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result recorded next to the artifacts it describes, keyed by what produced it (a trial's
 * configuration fingerprint, or a model's digest). A finished step asked again (an activity retry
 * after the worker died before reporting, or a sweep rerun after the embedded service restarted)
 * returns the recorded result instead of working again, so its numbers, timings included, are
 * exactly those of the first time.
 *
 * @param key what the result was computed from
 * @param value the result
 */
record Recorded<T>(String key, T value) {

  private static final Logger LOG = LoggerFactory.getLogger(Recorded.class);

  static <T> void write(ArtifactStore store, String path, String key, T value) throws IOException {
    store.writeAtomic(path, Json.bytes(new Recorded<>(key, value)));
  }

  /** The value recorded at {@code path} for {@code key}; empty if none, another key, or unreadable. */
  static <T> Optional<T> read(ArtifactStore store, String path, String key, Class<T> type) {
    if (!store.exists(path)) {
      return Optional.empty();
    }
    try {
      JavaType recordType = Json.mapper().getTypeFactory().constructParametricType(Recorded.class, type);
      Recorded<T> recorded = Json.mapper().readValue(store.read(path), recordType);
      return key.equals(recorded.key()) ? Optional.of(recorded.value()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable {}: {}", path, e.toString());
      return Optional.empty();
    }
  }
}

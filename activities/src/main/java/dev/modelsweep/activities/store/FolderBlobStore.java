package dev.modelsweep.activities.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in a folder, local or shared by every worker (NFS). A key is a file under
 * the root; its digest is a hidden file beside it ({@code .NAME.sha256}), written after the bytes,
 * so a key counts as stored only once both are there: a worker killed between the two leaves a key
 * that reads as absent and is put again by the retry. Each file is written atomically by {@link
 * ArtifactStore#writeAtomic} (a hidden temporary file, then a rename).
 */
public final class FolderBlobStore implements BlobStore {

  /** The store's folder under a worker's artifact root, unless the worker is told another. */
  public static final String DEFAULT_FOLDER = "store";

  private final ArtifactStore files;

  /**
   * @param root the store's folder; created on the first put
   */
  public FolderBlobStore(Path root) {
    this.files = new ArtifactStore(root);
  }

  @Override
  public Blob put(String key, byte[] bytes) throws IOException {
    BlobKeys.check(key);
    String digest = Digests.sha256(bytes);
    files.writeAtomic(key, bytes);
    files.writeAtomic(digestFile(key), digest.getBytes(StandardCharsets.US_ASCII));
    return new Blob(key, digest, bytes.length);
  }

  @Override
  public byte[] get(String key) throws IOException {
    Blob blob = stat(key).orElseThrow(() -> new NoSuchFileException(
        "no artifact " + key + " in " + location() + "; the step that puts it has not run, or ran against another store"));
    byte[] bytes = files.read(key);
    String digest = Digests.sha256(bytes);
    // A put in another thread or process writes the bytes, then the digest: read between the two,
    // they disagree until the second write is on disk (fsync: up to seconds on a busy disk). Only a
    // mismatch that lasts 2 s is damage.
    for (int retry = 0; retry < 20 && !digest.equals(blob.digest()); retry++) {
      pause();
      blob = stat(key).orElse(blob);
      bytes = files.read(key);
      digest = Digests.sha256(bytes);
    }
    if (!digest.equals(blob.digest())) {
      throw new CorruptArtifactException(key + " in " + location() + " has digest " + digest + " but was stored with "
          + blob.digest() + "; the file was changed or damaged, put it again");
    }
    return bytes;
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading the store");
    }
  }

  @Override
  public Optional<Blob> stat(String key) throws IOException {
    BlobKeys.check(key);
    if (!files.exists(key) || !files.exists(digestFile(key))) {
      return Optional.empty();
    }
    String digest = new String(files.read(digestFile(key)), StandardCharsets.US_ASCII).trim();
    return Optional.of(new Blob(key, digest, files.size(key)));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path dir = slash < 0 ? files.root() : files.resolve(prefix.substring(0, slash));
    List<String> keys = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String key = files.root().relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (key.startsWith(prefix) && BlobKeys.isKey(key) && files.exists(digestFile(key))) {
          keys.add(key);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    keys.sort(null);
    return keys;
  }

  /** Deletes the key's digest first, so that a crash in between leaves a key that reads as absent. */
  @Override
  public void delete(String key) throws IOException {
    BlobKeys.check(key);
    files.delete(digestFile(key));
    files.delete(key);
  }

  @Override
  public String location() {
    return files.root().toString();
  }

  private static String digestFile(String key) {
    int slash = key.lastIndexOf('/');
    return key.substring(0, slash + 1) + "." + key.substring(slash + 1) + ".sha256";
  }
}

package dev.modelsweep.activities.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files under one root directory, addressed by paths relative to it (the strings of {@link
 * dev.modelsweep.activityapi.ArtifactLayout}).
 *
 * <p>Every relative path is normalised and must stay inside the root: {@code "../x"}, an absolute
 * path elsewhere, or {@code "a/../../x"} is refused with an {@link IllegalArgumentException}, so a
 * crafted sweep or trial id cannot write outside the store. Symbolic links inside the root are not
 * resolved: whoever owns the root owns its links.
 *
 * <p>Writes are atomic: the bytes go to a hidden temporary file in the target's own folder, are
 * forced to disk, and the file is then renamed over the target with {@code ATOMIC_MOVE}. Readers
 * see the old file or the new one, never a mix, and a crash leaves at most a stray temporary.
 * Thread-safe: the class keeps no mutable state.
 *
 * <p>With a shared {@link BlobStore} (a worker's {@code --store}), the root is only this worker's
 * cache and the shared store is the truth, so that any worker can continue what another began:
 * every write goes to the cache and then, under the same relative path as key, to the shared store;
 * {@link #exists}, {@link #size} and {@link #list} ask the shared store; {@link #read} returns the
 * cached file when its SHA-256 is the one the shared store records (a trial that stays on one
 * worker downloads nothing) and else downloads the bytes, checks their digest and caches them.
 */
public final class ArtifactStore {

  /** Writes a file's content to a stream; used by {@link #writeAtomic(String, Writer)}. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private final Path root;
  /** Null: the root is the store itself. */
  private final BlobStore shared;

  /**
   * @param root the store's root folder; created on the first write if missing
   */
  public ArtifactStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.shared = null;
  }

  /**
   * A store whose truth is {@code shared}, cached in the folder {@code cache}.
   *
   * @param cache this worker's cache folder; created on the first write if missing
   * @param shared the store every worker reaches
   */
  public ArtifactStore(Path cache, BlobStore shared) {
    this.root = Objects.requireNonNull(cache, "cache").toAbsolutePath().normalize();
    this.shared = Objects.requireNonNull(shared, "shared");
  }

  /** Where the artifacts are, for messages: the root folder, or the shared store and its cache. */
  public String location() {
    return shared == null ? root.toString() : shared.location() + " (cached in " + root + ")";
  }

  /** The key of {@code relative} in the shared store: the normalised path under the root, '/'-separated. */
  private String key(String relative) {
    return root.relativize(resolve(relative)).toString().replace(root.getFileSystem().getSeparator(), "/");
  }

  /** The absolute, normalised root folder. */
  public Path root() {
    return root;
  }

  /**
   * The absolute path of {@code relative} under the root.
   *
   * @throws IllegalArgumentException if the path is empty, names the root itself, or leaves it
   */
  public Path resolve(String relative) {
    Path p = resolveAllowingRoot(relative);
    if (p.equals(root)) {
      throw new IllegalArgumentException(
          "artifact path '" + relative + "' names the artifact root " + root + " itself; give a path inside it");
    }
    return p;
  }

  private Path resolveAllowingRoot(String relative) {
    if (relative == null || relative.isBlank()) {
      throw new IllegalArgumentException("artifact path is empty; expected a path relative to " + root);
    }
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException(
          "artifact path '" + relative + "' escapes the artifact root " + root
              + "; artifact paths must be relative and stay inside the root");
    }
    return p;
  }

  /**
   * Whether the file is there. With a shared store a failure to reach it counts as absent here,
   * and shows again, with its cause, on the read or write that follows.
   */
  public boolean exists(String relative) {
    if (shared == null) {
      return Files.isRegularFile(resolve(relative));
    }
    try {
      return shared.stat(key(relative)).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The file's bytes.
   *
   * @throws NoSuchFileException if there is none
   * @throws CorruptArtifactException if a shared store's bytes do not match their digest
   */
  public byte[] read(String relative) throws IOException {
    Path file = resolve(relative);
    if (shared == null) {
      return Files.readAllBytes(file);
    }
    String key = key(relative);
    Optional<BlobStore.Blob> blob = shared.stat(key);
    if (blob.isEmpty()) {
      throw new NoSuchFileException(key + " in " + shared.location());
    }
    if (Files.isRegularFile(file) && Files.size(file) == blob.get().size()) {
      byte[] cached = Files.readAllBytes(file);
      if (Digests.sha256(cached).equals(blob.get().digest())) {
        return cached;
      }
    }
    byte[] bytes = shared.get(key, blob.get().digest());
    writeLocal(file, out -> out.write(bytes));
    return bytes;
  }

  public long size(String relative) throws IOException {
    if (shared == null) {
      return Files.size(resolve(relative));
    }
    return shared.stat(key(relative)).orElseThrow(() -> new NoSuchFileException(key(relative) + " in " + shared.location()))
        .size();
  }

  /** Writes {@code bytes} to {@code relative} atomically, creating parent folders. */
  public void writeAtomic(String relative, byte[] bytes) throws IOException {
    writeLocal(resolve(relative), out -> out.write(bytes));
    if (shared != null) {
      shared.put(key(relative), bytes);
    }
  }

  /**
   * Streams a file to {@code relative} atomically: temporary file in the same folder (so the
   * rename never crosses file systems), fsync, atomic rename, then fsync of the folder so that
   * the rename itself survives a power cut.
   */
  public void writeAtomic(String relative, Writer writer) throws IOException {
    Path target = resolve(relative);
    writeLocal(target, writer);
    if (shared != null) {
      shared.put(key(relative), Files.readAllBytes(target));
    }
  }

  private void writeLocal(Path target, Writer writer) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: it makes owner-only files, and artifacts should get the umask's
    // permissions like any other file the worker writes.
    Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new java.io.BufferedOutputStream(
              java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
        writer.write(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    forceDirectory(dir);
  }

  /** Deletes a file if it exists (in the shared store too); returns whether it did. */
  public boolean delete(String relative) throws IOException {
    if (shared == null) {
      return Files.deleteIfExists(resolve(relative));
    }
    boolean existed = shared.stat(key(relative)).isPresent();
    shared.delete(key(relative));
    Files.deleteIfExists(resolve(relative));
    return existed;
  }

  /**
   * Names of the regular, non-hidden files directly in folder {@code relative} ({@code "."} for
   * the root), sorted; empty if the folder does not exist. Hidden files are skipped because they are in-flight temporaries.
   */
  public List<String> list(String relative) throws IOException {
    Path dir = resolveAllowingRoot(relative);
    if (shared != null) {
      String prefix = dir.equals(root) ? "" : key(relative) + "/";
      List<String> names = new ArrayList<>();
      for (String key : shared.list(prefix)) {
        String name = key.substring(prefix.length());
        if (!name.contains("/")) {
          names.add(name);
        }
      }
      return names;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(p)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  /** Best effort: some file systems refuse to open a folder for fsync; the rename still happened. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported here (e.g. some network file systems); the data file itself was forced.
    }
  }
}

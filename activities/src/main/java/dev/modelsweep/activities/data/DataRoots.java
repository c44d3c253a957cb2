package dev.modelsweep.activities.data;

import dev.modelsweep.activities.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders a worker reads data files from. A sweep spec comes from whoever can start a
 * workflow, so a file it names ({@code dataset.path}, {@code dataset.images}, {@code
 * dataset.labels}) is read only when it lies inside one of these folders; otherwise a spec could
 * make the worker read {@code /etc/passwd} or another sweep's private data.
 *
 * <p>A path is resolved (a relative one against the first root), normalised lexically, and
 * refused unless it lies inside a root, all before the file system is asked anything: a refused
 * path is never stat'ed or opened, so probing for files outside the roots learns nothing. Only
 * then is the file looked at, and its real path (symbolic links followed) must lie inside a
 * root's real path too, so a link inside a root cannot lead out of it. Immutable and thread-safe.
 */
public final class DataRoots {

  /** Paths in messages are cut to this many characters; a spec may hold a path of any length. */
  private static final int SHOWN = 200;

  private final List<Path> roots;

  private DataRoots(List<Path> roots) {
    this.roots = roots;
  }

  /**
   * The given folders, made absolute (against the working directory) and normalised, duplicates
   * dropped, in order; the first resolves relative paths.
   *
   * @throws IllegalArgumentException if {@code roots} is empty
   */
  public static DataRoots of(List<Path> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("at least one data root is needed");
    }
    List<Path> out = new ArrayList<>();
    for (Path r : roots) {
      Path p = r.toAbsolutePath().normalize();
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return new DataRoots(List.copyOf(out));
  }

  /** The default: the worker's working directory alone. */
  public static DataRoots workingDirectory() {
    return of(List.of(Path.of("")));
  }

  /** The roots, absolute and normalised, in order. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The real path of the readable regular file that spec field {@code field} names.
   *
   * @throws InvalidSpecException if the field is unset, the path lies outside the roots (directly
   *     or through a link), or no readable file is there; the message names the field and the fix
   */
  Path resolve(String field, String path) {
    if (path == null || path.isBlank()) {
      throw new InvalidSpecException(field + ": missing; give the path of the file");
    }
    Path given;
    try {
      given = Path.of(path);
    } catch (InvalidPathException e) {
      throw new InvalidSpecException(field + ": " + shown(path) + " is not a valid path (" + e.getReason() + ")");
    }
    Path p = roots.get(0).resolve(given).normalize();
    if (!inside(p, roots)) {
      throw new InvalidSpecException(
          field + ": " + shown(path) + (given.isAbsolute() ? "" : " (resolved to " + shown(p.toString()) + ")")
              + " is outside the data roots " + roots + "; " + fix());
    }
    // From here on the file system may be asked: the path is inside a root.
    if (!Files.isRegularFile(p)) {
      throw new InvalidSpecException(field + ": no file at " + shown(p.toString())
          + (given.isAbsolute() ? "" : " (relative paths are resolved on the worker, from " + roots.get(0) + ")")
          + "; give a path the worker can read");
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      throw new InvalidSpecException(field + ": cannot resolve " + shown(p.toString()) + " (" + e.getMessage() + ")");
    }
    if (!inside(real, realRoots())) {
      throw new InvalidSpecException(
          field + ": " + shown(p.toString()) + " is a link to " + shown(real.toString())
              + ", which is outside the data roots " + roots + "; " + fix());
    }
    if (!Files.isReadable(real)) {
      throw new InvalidSpecException(field + ": " + shown(p.toString()) + " is not readable by the worker; fix its permissions");
    }
    return real;
  }

  private static String fix() {
    return "move the file under a root or start the worker with --data-root DIR";
  }

  /** Whether {@code p} is a root or lies under one; component-wise, so {@code /data2} is not under {@code /data}. */
  private static boolean inside(Path p, List<Path> folders) {
    for (Path r : folders) {
      if (p.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The roots with their own links followed, so that a root reached through a link ({@code /tmp}
   * on some systems) still contains its files; read at each check because roots may be created
   * or moved while the worker runs. A root that does not exist contains nothing.
   */
  private List<Path> realRoots() {
    List<Path> out = new ArrayList<>(roots.size());
    for (Path r : roots) {
      try {
        out.add(r.toRealPath());
      } catch (IOException e) {
        // Missing or unreadable: no file can be inside it.
      }
    }
    return out;
  }

  private static String shown(String path) {
    return path.length() <= SHOWN ? path : path.substring(0, SHOWN - 3) + "...";
  }

  @Override
  public String toString() {
    return roots.toString();
  }
}

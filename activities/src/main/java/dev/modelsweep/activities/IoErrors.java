package dev.modelsweep.activities;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Sorts I/O errors into those a retry can heal and those it cannot, so that activities retry the
 * first with backoff and fail at once, non-retryable, on the second.
 *
 * <p>Cannot heal: the bytes are not what they claim (a corrupt gzip stream, a stream or file cut
 * short, text that is not valid in its encoding), or the file system says the path itself is
 * wrong (no such file, a folder where a file belongs or the reverse, a folder that is not empty,
 * a link loop, no permission). Retrying reads the same bytes and the same paths again.
 *
 * <p>Can heal: everything else, such as {@code EIO} from a failing disk, a stale network file
 * system handle, a full disk being cleared, or a timeout of a remote mount.
 */
public final class IoErrors {

  /** Reasons the JDK gives for path errors it has no subclass for (Linux errno texts). */
  private static final List<String> WRONG_PATH_REASONS = List.of("Is a directory", "Not a directory");

  private IoErrors() {}

  /** Whether doing again what threw {@code e} may succeed. */
  public static boolean canHeal(IOException e) {
    if (e instanceof ZipException || e instanceof EOFException || e instanceof CharacterCodingException) {
      return false;
    }
    if (e instanceof NoSuchFileException || e instanceof NotDirectoryException || e instanceof AccessDeniedException
        || e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException
        || e instanceof FileSystemLoopException) {
      return false;
    }
    // Reading a folder as a file fails with a plain IOException whose message is the reason.
    String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    return reason == null || WRONG_PATH_REASONS.stream().noneMatch(reason::contains);
  }

  /** What {@code e} says in words a user can act on, e.g. {@code "corrupt gzip stream (invalid bit length repeat)"}. */
  public static String describe(IOException e) {
    String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    if (e instanceof ZipException) {
      return "corrupt gzip stream" + detail;
    }
    if (e instanceof EOFException) {
      return "the file ends too early: it is truncated" + detail;
    }
    if (e instanceof CharacterCodingException) {
      return "the text is not valid UTF-8";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a folder is where a file belongs: " + e.getMessage();
    }
    if (e instanceof FileAlreadyExistsException) {
      return "something else is already there: " + e.getMessage();
    }
    if (e instanceof FileSystemException fs) {
      String file = fs.getFile() == null ? "" : fs.getFile();
      return (fs.getReason() == null ? "I/O error" : fs.getReason()) + (file.isEmpty() ? "" : ": " + file)
          + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

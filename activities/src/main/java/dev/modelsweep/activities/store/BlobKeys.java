package dev.modelsweep.activities.store;

/**
 * The rule for {@link BlobStore} keys, shared by every backend: relative, {@code /}-separated
 * names, none empty or starting with {@code .} (backends keep their own bookkeeping there).
 */
public final class BlobKeys {

  private BlobKeys() {}

  /** Whether {@code key} is a key a caller may use. */
  public static boolean isKey(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /** @throws IllegalArgumentException if {@code key} is not a key, saying what one looks like */
  public static void check(String key) {
    if (!isKey(key)) {
      throw new IllegalArgumentException("artifact key '" + key + "' is not a key: give /-separated names,"
          + " none empty or starting with '.', such as models/sha256-ab12.params");
    }
  }
}

package dev.modelsweep.activityapi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where artifacts live, relative to the artifact root: one folder per sweep, one per trial.
 * Workflows keep only these relative paths in history; the bytes stay on disk.
 *
 * <pre>
 * {sweepId}/spec.json                       the sweep's spec
 * {sweepId}/leaderboard.json                ranked results
 * {sweepId}/trials/{trialId}/trial.json     the trial's configuration and result
 * {sweepId}/trials/{trialId}/checkpoints/epoch-0005.ckpt
 * {sweepId}/trials/{trialId}/model.params   final weights
 * {sweepId}/trials/{trialId}/history.json   per-epoch metrics
 * </pre>
 */
public final class ArtifactLayout {

  private ArtifactLayout() {}

  public static String sweepDir(String sweepId) {
    return safe(sweepId);
  }

  public static String trialDir(String sweepId, String trialId) {
    return sweepDir(sweepId) + "/trials/" + safe(trialId);
  }

  public static String checkpointDir(String sweepId, String trialId) {
    return trialDir(sweepId, trialId) + "/checkpoints";
  }

  public static String checkpointFile(int epoch) {
    return String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch);
  }

  public static String modelFile(String sweepId, String trialId) {
    return trialDir(sweepId, trialId) + "/model.params";
  }

  /**
   * Ids become folder names, one to one, so that two sweeps never share a folder. An id of
   * letters, digits, '.', '_' and '-' that does not start with '.' is its own folder name: every
   * folder written before this mapping became one to one keeps its name. Any other id (empty,
   * starting with '.', or with another character) has each such UTF-8 byte written as {@code ~HH}
   * (upper-case hex): "a b" is "a~20b", "a_b" stays "a_b", "~" is "~7E". Only escaped names hold a
   * '~', so no two ids meet.
   */
  static String safe(String id) {
    if (isPlain(id)) {
      return id;
    }
    StringBuilder out = new StringBuilder();
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      int c = utf8[i] & 0xff;
      if (isPlainChar(c) && !(i == 0 && c == '.')) {
        out.append((char) c);
      } else {
        out.append('~').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return out.toString();
  }

  /**
   * The sweep id whose folder is named {@code folder}: the inverse of {@link #sweepDir}, so that a
   * sweep folder (renamed or copied, too) resumes as the sweep its name says.
   *
   * @throws IllegalArgumentException if no id maps to that name (a '~' not followed by two
   *     upper-case hex digits, or bytes that are not UTF-8); the message says to rename the folder
   */
  public static String sweepIdOf(String folder) {
    if (folder.indexOf('~') < 0) {
      return folder;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < folder.length(); i++) {
      char c = folder.charAt(i);
      if (c == '~' && i + 2 < folder.length()
          && HEX.indexOf(folder.charAt(i + 1)) >= 0 && HEX.indexOf(folder.charAt(i + 2)) >= 0) {
        bytes.write(HEX.indexOf(folder.charAt(i + 1)) * 16 + HEX.indexOf(folder.charAt(i + 2)));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    String id = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    if (!safe(id).equals(folder)) {
      throw new IllegalArgumentException("folder name '" + folder + "' names no sweep id: a '~' in it must start an"
          + " escape such as ~20; rename the folder without '~'");
    }
    return id;
  }

  private static final String HEX = "0123456789ABCDEF";

  private static boolean isPlain(String id) {
    if (id.isEmpty() || id.charAt(0) == '.') {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!isPlainChar(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainChar(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  }
}

package dev.modelsweep.activity;

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

  /** Ids become folder names: anything but letters, digits, '.', '_' and '-' turns into '_'. */
  static String safe(String id) {
    String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.startsWith(".") ? "_" + s.substring(1) : s;
  }
}

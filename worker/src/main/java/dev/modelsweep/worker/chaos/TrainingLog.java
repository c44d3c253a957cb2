package dev.modelsweep.worker.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the workers' training log lines say, with the time each line arrived: which trial trains
 * which epoch, where each training call started, and which calls trained to the end. Thread-safe.
 *
 * <p>It follows one workflow: a sweep, whose trials it names {@code t000}, or a pipeline, whose
 * stages' sweeps are {@code <pipeline id>/<stage id>} and whose trials it names {@code
 * <stage id>/t000}.
 */
final class TrainingLog {

  /** A training call started at {@code fromEpoch} (1 = from scratch) at {@code nanos}. */
  record Start(String trial, int fromEpoch, long nanos) {}

  private static final Pattern LINE =
      Pattern.compile("trial (\\S+)/(t\\d+) (epoch|trains from epoch|trained to epoch|already trained to epoch) (\\d+)$");

  private final String workflowId;
  private final Map<String, Integer> lastEpoch = new HashMap<>();
  private final List<Start> starts = new ArrayList<>();
  private final Map<String, Integer> trainedToEnd = new HashMap<>();
  private final Map<String, Long> endedAt = new HashMap<>();
  private final Map<String, Integer> epochLines = new HashMap<>();

  /** The log of the sweep or pipeline {@code workflowId}; other lines are ignored. */
  TrainingLog(String workflowId) {
    this.workflowId = workflowId;
  }

  synchronized void accept(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find()) {
      return;
    }
    String sweep = m.group(1);
    String trial;
    if (sweep.equals(workflowId)) {
      trial = m.group(2);
    } else if (sweep.startsWith(workflowId + "/")) {
      trial = sweep.substring(workflowId.length() + 1) + "/" + m.group(2);
    } else {
      return;
    }
    int epoch = Integer.parseInt(m.group(4));
    switch (m.group(3)) {
      case "epoch" -> {
        lastEpoch.put(trial, epoch);
        epochLines.merge(trial, 1, Integer::sum);
      }
      case "trains from epoch" -> starts.add(new Start(trial, epoch, System.nanoTime()));
      case "trained to epoch" -> {
        trainedToEnd.merge(trial, 1, Integer::sum);
        endedAt.put(trial, System.nanoTime());
      }
      default -> { // a retry found the work done: it resumed past the end and trained nothing
        starts.add(new Start(trial, epoch + 1, System.nanoTime()));
        trainedToEnd.putIfAbsent(trial, 1);
      }
    }
  }

  /** Trials training now (started, not yet trained to the end), with their last finished epoch. */
  synchronized Map<String, Integer> inFlight() {
    Map<String, Integer> running = new HashMap<>();
    for (Start s : starts) {
      if (!trainedToEnd.containsKey(s.trial())) {
        running.put(s.trial(), lastEpoch.getOrDefault(s.trial(), s.fromEpoch() - 1));
      }
    }
    return running;
  }

  /** The first training call of {@code trial} that started after {@code nanos}. */
  synchronized Optional<Start> firstStartAfter(String trial, long nanos) {
    return starts.stream().filter(s -> s.nanos() > nanos && (trial == null || s.trial().equals(trial)))
        .findFirst();
  }

  synchronized boolean anyTrainingSince(long nanos) {
    return starts.stream().anyMatch(s -> s.nanos() > nanos);
  }

  /** Trials whose training ran to the end more than once: work done twice. */
  synchronized long trainedTwice() {
    return trainedTwice("").size();
  }

  /** The trials named {@code prefix...} whose training ran to the end more than once. */
  synchronized List<String> trainedTwice(String prefix) {
    return trainedToEnd.entrySet().stream().filter(e -> e.getValue() > 1 && e.getKey().startsWith(prefix))
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** Seconds from the first training start to the last end of a training call; 0 before any ended. */
  synchronized double trainingSeconds() {
    long first = starts.stream().mapToLong(Start::nanos).min().orElse(0);
    long last = endedAt.values().stream().mapToLong(Long::longValue).max().orElse(first);
    return (last - first) / 1e9;
  }

  /**
   * Mean seconds per epoch of the trials named {@code prefix...}: from the first training start of
   * one to the last end of one, over the epochs they logged; 0 when none trained to the end.
   */
  synchronized double epochSeconds(String prefix) {
    long first = starts.stream().filter(s -> s.trial().startsWith(prefix)).mapToLong(Start::nanos).min().orElse(0);
    long last = endedAt.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue).max().orElse(first);
    int epochs = epochLines.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToInt(Map.Entry::getValue).sum();
    return epochs == 0 ? 0 : (last - first) / 1e9 / epochs;
  }
}

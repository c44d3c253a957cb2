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
 */
final class TrainingLog {

  /** A training call started at {@code fromEpoch} (1 = from scratch) at {@code nanos}. */
  record Start(String trial, int fromEpoch, long nanos) {}

  private static final Pattern LINE =
      Pattern.compile("trial (\\S+)/(t\\d+) (epoch|trains from epoch|trained to epoch|already trained to epoch) (\\d+)$");

  private final String sweepId;
  private final Map<String, Integer> lastEpoch = new HashMap<>();
  private final List<Start> starts = new ArrayList<>();
  private final Map<String, Integer> trainedToEnd = new HashMap<>();

  TrainingLog(String sweepId) {
    this.sweepId = sweepId;
  }

  synchronized void accept(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.find() || !m.group(1).equals(sweepId)) {
      return;
    }
    String trial = m.group(2);
    int epoch = Integer.parseInt(m.group(4));
    switch (m.group(3)) {
      case "epoch" -> lastEpoch.put(trial, epoch);
      case "trains from epoch" -> starts.add(new Start(trial, epoch, System.nanoTime()));
      case "trained to epoch" -> trainedToEnd.merge(trial, 1, Integer::sum);
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
    return trainedToEnd.values().stream().filter(n -> n > 1).count();
  }
}

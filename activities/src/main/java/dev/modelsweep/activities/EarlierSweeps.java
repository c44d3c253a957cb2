package dev.modelsweep.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.activities.store.Json;
import dev.modelsweep.activityapi.ArtifactLayout;
import dev.modelsweep.search.Observation;
import dev.modelsweep.spec.ParamSpec;
import dev.modelsweep.spec.SpecException;
import dev.modelsweep.spec.SpecParser;
import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import dev.modelsweep.workflow.Objectives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the sweeps that {@code search.warmStart} names from the artifact store and turns their
 * trials into prior observations (see {@link dev.modelsweep.activityapi.TrainingActivities#warmStart}).
 */
final class EarlierSweeps {

  private final ArtifactStore store;

  EarlierSweeps(ArtifactStore store) {
    this.store = store;
  }

  /** Every trial of every earlier sweep, in the order named, each sweep's best first. */
  List<Observation> observations(SweepSpec spec) throws IOException {
    List<Observation> priors = new ArrayList<>();
    List<String> named = spec.searchOrDefault().warmStartOrEmpty();
    for (int i = 0; i < named.size(); i++) {
      String field = "$.search.warmStart[" + i + "]";
      Path folder = folder(field, named.get(i));
      SweepSpec earlier = earlierSpec(field, folder);
      String difference = firstDifference(spec.searchOrDefault().spaceOrEmpty(), earlier.searchOrDefault().spaceOrEmpty());
      if (difference != null) {
        throw new InvalidSpecException(field + ": sweep " + folder.getFileName() + " searched another space: "
            + difference + "; warm start needs the same search.space (remove this entry or search its space)");
      }
      for (TrialResult trial : Json.mapper().readValue(read(field, folder, "leaderboard.json"), TrialResult[].class)) {
        priors.add(Objectives.observation(trial, spec.objectiveOrDefault()));
      }
    }
    return priors;
  }

  /** A sweep id's folder in the store, or a results folder, which must lie inside the store. */
  private Path folder(String field, String entry) {
    Path path;
    try {
      path = Path.of(entry);
    } catch (InvalidPathException e) {
      throw new InvalidSpecException(field + ": \"" + entry + "\" is neither a sweep id nor a folder; give one");
    }
    if (path.getNameCount() == 1 && !path.isAbsolute()) {
      return store.resolve(ArtifactLayout.sweepDir(entry));
    }
    Path folder = path.toAbsolutePath().normalize();
    if (!folder.startsWith(store.root())) {
      throw new InvalidSpecException(field + ": " + folder + " is outside the artifact root " + store.root()
          + "; give a sweep id, or a results folder inside that root");
    }
    return folder;
  }

  private SweepSpec earlierSpec(String field, Path folder) throws IOException {
    String json = new String(read(field, folder, "spec.json"), StandardCharsets.UTF_8);
    try {
      return SpecParser.parse(json);
    } catch (SpecException e) {
      throw new InvalidSpecException(field + ": the spec.json of " + folder + " is no longer valid (" + e.getMessage()
          + "); remove this entry");
    }
  }

  private byte[] read(String field, Path folder, String file) throws IOException {
    String relative = store.root().relativize(folder.resolve(file)).toString();
    if (!store.exists(relative)) {
      throw new InvalidSpecException(field + ": no finished sweep there (" + folder.resolve(file)
          + " is missing); give the id or results folder of a sweep that has finished");
    }
    return store.read(relative);
  }

  /** The first parameter searched differently, as {@code $.search.space['path']} and both values; null if none. */
  static String firstDifference(Map<String, ParamSpec> mine, Map<String, ParamSpec> theirs) {
    Set<String> paths = new LinkedHashSet<>(mine.keySet());
    paths.addAll(theirs.keySet());
    for (String path : paths) {
      ParamSpec a = mine.get(path);
      ParamSpec b = theirs.get(path);
      if (a == null || !a.equals(b)) {
        return "$.search.space['" + path + "'] is " + render(a) + " here, " + render(b) + " there";
      }
    }
    return null;
  }

  private static String render(ParamSpec param) {
    if (param == null) {
      return "not searched";
    }
    try {
      return Json.mapper().writeValueAsString(param);
    } catch (JsonProcessingException e) {
      return param.toString();
    }
  }
}

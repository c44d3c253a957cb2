package dev.modelsweep.activities.registry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A name's aliases and every move they made, oldest first; stored as one document so the two never
 * disagree.
 *
 * @param current alias to version
 * @param history every move, oldest first
 */
public record Aliases(Map<String, Integer> current, List<AliasMove> history) {

  static final Aliases NONE = new Aliases(Map.of(), List.of());

  public Aliases {
    current = java.util.Collections.unmodifiableMap(new TreeMap<>(current == null ? Map.of() : current));
    history = List.copyOf(history == null ? List.of() : history);
  }

  /** These aliases after {@code move}. */
  Aliases after(AliasMove move) {
    Map<String, Integer> next = new TreeMap<>(current);
    next.put(move.alias(), move.to());
    List<AliasMove> moves = new java.util.ArrayList<>(history);
    moves.add(move);
    return new Aliases(next, moves);
  }
}

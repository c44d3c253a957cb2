package dev.modelsweep.activities.registry;

import dev.modelsweep.activities.InvalidSpecException;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activities.store.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Named models with numbered versions and aliases, kept in a {@link BlobStore}: by default the
 * folder {@code registry/} next to the artifact root, or, for workers with an S3 artifact store,
 * the store's folder {@code registry/}. Layout of the keys:
 *
 * <pre>
 * NAME/versions/000001/model.params   the weights
 * NAME/versions/000001/card.json      the {@link ModelCard}; a version exists once its card does
 * NAME/aliases.json                   the {@link Aliases}: where each alias points, every move
 * </pre>
 *
 * <p>Registration and alias moves are idempotent by a promotion key: a version whose card carries
 * the key is found again instead of made again, and a move the history records under the key is
 * not made twice. A worker killed between the two steps, or before either, leaves at most the
 * weights of a version without a card, which the next try overwrites. Writes are serialised per
 * registry object: promote through one worker process per registry at a time (neither the folder
 * nor the S3 backend has a lock shared between processes).
 */
public final class ModelRegistry {

  /** The registry's folder next to the artifact root, or in the S3 store, unless told another. */
  public static final String DEFAULT_FOLDER = "registry";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  private final BlobStore blobs;

  public ModelRegistry(BlobStore blobs) {
    this.blobs = blobs;
  }

  /** Where the registry is, for messages. */
  public String location() {
    return blobs.location();
  }

  /** Every registered name, sorted. */
  public List<String> names() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (String key : blobs.list("")) {
      if (key.endsWith("/card.json")) {
        names.add(key.substring(0, key.indexOf('/')));
      }
    }
    return List.copyOf(names);
  }

  /** Every version of {@code name}, oldest first; empty when there is none. */
  public List<ModelCard> versions(String name) throws IOException {
    checkName(name);
    List<ModelCard> out = new ArrayList<>();
    for (String key : blobs.list(name + "/versions/")) {
      if (key.endsWith("/card.json")) {
        out.add(read(key, ModelCard.class));
      }
    }
    return out;
  }

  /** The aliases of {@code name} and their history. */
  public Aliases aliases(String name) throws IOException {
    checkName(name);
    String key = name + "/aliases.json";
    return blobs.stat(key).isPresent() ? read(key, Aliases.class) : Aliases.NONE;
  }

  /** Version {@code version} of {@code name}, or empty. */
  public Optional<ModelCard> version(String name, int version) throws IOException {
    checkName(name);
    String key = cardKey(name, version);
    return blobs.stat(key).isPresent() ? Optional.of(read(key, ModelCard.class)) : Optional.empty();
  }

  /**
   * The version a reference names: {@code NAME} (the newest version), {@code NAME@3} or {@code
   * NAME@ALIAS}.
   *
   * @throws InvalidSpecException naming what is missing and what exists
   */
  public ModelCard resolve(String reference) throws IOException {
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    String selector = at < 0 ? null : reference.substring(at + 1);
    checkName(name);
    List<ModelCard> versions = versions(name);
    if (versions.isEmpty()) {
      throw new InvalidSpecException("no model named " + name + " in the registry " + location()
          + "; registered: " + names() + " (a pipeline's promote stage registers one)");
    }
    if (selector == null) {
      return versions.get(versions.size() - 1);
    }
    if (selector.chars().allMatch(Character::isDigit) && !selector.isEmpty()) {
      int version = Integer.parseInt(selector);
      return version(name, version).orElseThrow(() -> new InvalidSpecException(reference + ": " + name
          + " has no version " + version + "; versions 1 to " + versions.get(versions.size() - 1).version()));
    }
    Integer version = aliases(name).current().get(selector);
    if (version == null) {
      throw new InvalidSpecException(reference + ": " + name + " has no alias " + selector + "; aliases: "
          + aliases(name).current().keySet() + " (or give a version number)");
    }
    return version(name, version).orElseThrow(() -> new CorruptArtifactException(
        reference + " points at version " + version + ", whose card is missing from " + location()));
  }

  /** The weights of a version, checked against the card's digest. */
  public byte[] weights(ModelCard card) throws IOException {
    return blobs.get(card.weights(), card.weightsDigest());
  }

  /**
   * Registers a new version of {@code name}, or returns the one an earlier try of the same
   * promotion registered. {@code card} is everything but the name, version and weights' key, which
   * this fills in.
   */
  public synchronized ModelCard register(String name, ModelCard card, byte[] weights) throws IOException {
    checkName(name);
    List<ModelCard> versions = versions(name);
    for (ModelCard v : versions) {
      if (v.promotionKey() != null && v.promotionKey().equals(card.promotionKey())) {
        return v;
      }
    }
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    String weightsKey = versionDir(name, version) + "/model.params";
    BlobStore.Blob stored = blobs.put(weightsKey, weights);
    ModelCard registered = new ModelCard(name, version, card.created(), card.promotionKey(), card.metrics(),
        card.params(), card.sizeBytes(), card.latency(), card.throughputPerS(), card.datasetChecksum(), card.spec(),
        card.config(), card.lineage(), weightsKey, stored.digest(), card.inputShape(), card.classNames(),
        card.normalization());
    RegistryFaults.beforeCard();
    blobs.put(cardKey(name, version), Json.bytes(registered));
    return registered;
  }

  /**
   * Registers a version ({@link #register}) and moves the alias to it ({@link #moveAlias}), both
   * under the card's promotion key, so that a retry after a crash at any point makes one version
   * and one move in all.
   *
   * @return the alias move, made now or by an earlier try
   */
  public synchronized AliasMove promote(String name, String alias, ModelCard card, byte[] weights, String reason)
      throws IOException {
    checkAlias(alias);
    ModelCard registered = register(name, card, weights);
    RegistryFaults.beforeAlias();
    return moveAlias(name, alias, registered.version(), reason, card.promotionKey(), registered.created());
  }

  /**
   * Points {@code alias} of {@code name} at {@code version} and records the move; with a promotion
   * key that the history already holds, returns that move and changes nothing.
   *
   * @param promotionKey the promotion that moves it, or null for a move by hand
   */
  public synchronized AliasMove moveAlias(String name, String alias, int version, String reason, String promotionKey,
      String at) throws IOException {
    checkName(name);
    checkAlias(alias);
    Aliases aliases = aliases(name);
    if (promotionKey != null) {
      for (AliasMove m : aliases.history()) {
        if (promotionKey.equals(m.promotionKey())) {
          return m;
        }
      }
    }
    if (version(name, version).isEmpty()) {
      throw new InvalidSpecException(name + " has no version " + version + "; `modelsweep models show " + name
          + " --json` lists its versions");
    }
    AliasMove move = new AliasMove(alias, aliases.current().get(alias), version, at, reason, promotionKey);
    blobs.put(name + "/aliases.json", Json.bytes(aliases.after(move)));
    return move;
  }

  /** Refuses a name that cannot be a registry name, saying what can. */
  public static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidSpecException("model name '" + name + "': give letters, digits, '.', '_' or '-' (at most 64),"
          + " starting with a letter or digit, such as digits");
    }
  }

  /** Refuses an alias that cannot be one: it must start with a letter, so that NAME@3 is a version. */
  public static void checkAlias(String alias) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new InvalidSpecException("alias '" + alias + "': give letters, digits, '.', '_' or '-' (at most 64),"
          + " starting with a letter, such as production");
    }
  }

  private static String versionDir(String name, int version) {
    return String.format(Locale.ROOT, "%s/versions/%06d", name, version);
  }

  private static String cardKey(String name, int version) {
    return versionDir(name, version) + "/card.json";
  }

  private <T> T read(String key, Class<T> type) throws IOException {
    try {
      return Json.mapper().readValue(blobs.get(key), type);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new CorruptArtifactException(key + " in " + location() + " is not a " + type.getSimpleName() + ": "
          + e.getOriginalMessage());
    }
  }
}

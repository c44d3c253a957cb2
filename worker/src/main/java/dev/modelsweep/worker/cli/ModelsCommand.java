package dev.modelsweep.worker.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.activities.registry.AliasMove;
import dev.modelsweep.activities.registry.Aliases;
import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.store.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models}: the model registry's names, versions, cards and aliases. */
@Command(
    mixinStandardHelpOptions = true,
    name = "models",
    description = "The model registry: named models, numbered versions with model cards, aliases.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Alias.class})
final class ModelsCommand {

  /** {@code models list}. */
  @Command(mixinStandardHelpOptions = true, name = "list", description = "Every named model, its versions and aliases.")
  static final class ListModels implements Callable<Integer> {
    @Mixin RegistryOptions registryOptions;

    @Option(names = "--json", description = "Print [{name, versions, latest, aliases}].")
    boolean json;

    @Override
    public Integer call() throws IOException {
      ModelRegistry registry = registryOptions.open();
      ArrayNode out = Json.mapper().createArrayNode();
      if (!json) {
        System.out.printf(Locale.ROOT, "%-24s %8s %6s  %s%n", "name", "versions", "latest", "aliases");
      }
      for (String name : registry.names()) {
        List<ModelCard> versions = registry.versions(name);
        Map<String, Integer> aliases = registry.aliases(name).current();
        int latest = versions.get(versions.size() - 1).version();
        if (json) {
          ObjectNode row = out.addObject().put("name", name).put("versions", versions.size()).put("latest", latest);
          row.set("aliases", Json.mapper().valueToTree(aliases));
        } else {
          System.out.printf(Locale.ROOT, "%-24s %8d %6d  %s%n", name, versions.size(), latest, aliasText(aliases));
        }
      }
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(out));
      }
      return 0;
    }
  }

  /** {@code models show NAME[@VERSION|@ALIAS]}. */
  @Command(mixinStandardHelpOptions = true, name = "show",
      description = "A version's model card: metrics, parameters, size, latency, data checksum, spec, lineage.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME[@VERSION|@ALIAS]",
        description = "digits (the newest version), digits@3 or digits@production.")
    String reference;

    @Mixin RegistryOptions registryOptions;

    @Option(names = "--json", description = "Print the card, with `aliases` (those pointing at it) and `aliasHistory`.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      ModelRegistry registry = registryOptions.open();
      ModelCard card = RegistryOptions.usage(() -> registry.resolve(reference));
      Aliases aliases = registry.aliases(card.name());
      if (json) {
        System.out.println(cardJson(card, aliases));
      } else {
        printCard(System.out, card, aliases);
      }
      return 0;
    }
  }

  /** {@code models alias NAME VERSION ALIAS}: the rollback. */
  @Command(mixinStandardHelpOptions = true, name = "alias",
      description = "Point ALIAS of NAME at VERSION (a rollback is a move back); every move is kept in the history.")
  static final class Alias implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "VERSION") int version;
    @Parameters(index = "2", paramLabel = "ALIAS") String alias;

    @Mixin RegistryOptions registryOptions;

    @Option(names = "--json", description = "Print the move: {alias, from, to, at, reason}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      ModelRegistry registry = registryOptions.open();
      String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      AliasMove move = RegistryOptions.usage(() -> registry.moveAlias(name, alias, version, "moved by hand", null, now));
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(move));
      } else {
        System.out.println(name + "@" + alias + ": " + (move.from() == null ? "new" : "version " + move.from())
            + " -> version " + move.to());
      }
      return 0;
    }
  }

  /** The card as {@code models show --json} and {@code dev} print it. */
  static String cardJson(ModelCard card, Aliases aliases) throws IOException {
    ObjectNode node = Json.mapper().valueToTree(card);
    node.set("aliases", Json.mapper().valueToTree(pointingAt(card, aliases)));
    node.set("aliasHistory", Json.mapper().valueToTree(aliases.history()));
    return Json.mapper().writeValueAsString(node);
  }

  /** The card in a few lines. */
  static void printCard(PrintStream out, ModelCard card, Aliases aliases) {
    out.printf(Locale.ROOT, "%s version %d%s, registered %s%n", card.name(), card.version(),
        pointingAt(card, aliases).isEmpty() ? "" : " (" + String.join(", ", pointingAt(card, aliases)) + ")",
        card.created());
    out.printf(Locale.ROOT, "  metrics   %s%n", card.metrics().entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4g", e.getValue())).collect(Collectors.joining(", ")));
    out.printf(Locale.ROOT, "  params    %d, size %d bytes, latency p50/p95/p99 %s/%s/%s ms, throughput %s rows/s%n",
        card.params(), card.sizeBytes(), ms(card.latency().p50Ms()), ms(card.latency().p95Ms()),
        ms(card.latency().p99Ms()), card.throughputPerS() == null ? "-" : String.format(Locale.ROOT, "%.0f", card.throughputPerS()));
    out.printf(Locale.ROOT, "  data      %s (sha256 %s), input %s, classes %s%n", card.config().dataset().describe(),
        card.datasetChecksum(), card.inputShape(), card.classNames());
    if (card.lineage() != null) {
      out.printf(Locale.ROOT, "  lineage   pipeline %s, stage %s, sweep %s, trial %s, teacher %s%n",
          card.lineage().pipeline(), card.lineage().stage(), card.lineage().sweep(), card.lineage().trial(),
          card.lineage().teacher());
    }
    out.printf(Locale.ROOT, "  weights   %s (sha256 %s)%n", card.weights(), card.weightsDigest());
  }

  private static String ms(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static List<String> pointingAt(ModelCard card, Aliases aliases) {
    return aliases.current().entrySet().stream().filter(e -> e.getValue() == card.version()).map(Map.Entry::getKey).toList();
  }

  private static String aliasText(Map<String, Integer> aliases) {
    return aliases.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }
}

package dev.modelsweep.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static dev.modelsweep.spec.SpecFixtures.assertOnly;
import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.minimal;
import static dev.modelsweep.spec.SpecFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The sweep spec's {@code finetune} and {@code distill} sections and the dataset's class selection. */
class TrainingSectionsTest {

  @Test
  void sectionsBindWithDefaultsAndReachEveryTrial() {
    ObjectNode doc = minimal();
    put(doc, "/distill", "{'teacher': 'stage:teacher#3', 'alpha': 0.5}");
    SweepSpec spec = SpecParser.parse(doc);
    assertEquals(new DistillSpec("stage:teacher#3", null, 0.5), spec.distill());
    assertEquals(DistillSpec.DEFAULT_TEMPERATURE, spec.distill().temperatureOrDefault());
    TrialConfig trial = TrialConfigs.resolve(spec, "s", 0, Map.of("distill.temperature", 2.0));
    assertEquals(new DistillSpec("stage:teacher#3", 2.0, 0.5), trial.distill());
    assertNull(trial.finetune());

    ObjectNode ft = minimal();
    put(ft, "/finetune", "{'source': 'sweep-a/t003'}");
    SweepSpec fine = SpecParser.parse(ft);
    TrialConfig tuned = TrialConfigs.resolve(fine, "s", 1, Map.of("finetune.keepLayers", 1, "finetune.freeze", false));
    assertEquals(new FinetuneSpec("sweep-a/t003", 1, false, null), tuned.finetune());
    assertEquals(1.0, tuned.finetune().bodyLearningRateScaleOrDefault());
    assertNull(TrialConfigs.resolve(SpecParser.parse(minimal()), "s", 0, Map.of()).distill());
  }

  @Test
  void searchSpacesMayNameTheSectionsFields() {
    assertEquals(true, SpecSchema.settablePaths().containsAll(List.of(
        "distill.temperature", "distill.alpha", "finetune.keepLayers", "finetune.freeze",
        "finetune.bodyLearningRateScale")));
    ObjectNode doc = SpecFixtures.withSpace("random", "{'distill.temperature': {'type': 'float', 'min': 1, 'max': 8}}");
    put(doc, "/distill", "{'teacher': 'models/sha256-" + "a".repeat(64) + ".json'}");
    SpecParser.parse(doc);
  }

  @Test
  void badSectionsNameTheirPath() {
    assertOnly(put(minimal(), "/distill", "{'teacher': 'best'}"), "$.distill.teacher", "stage:");
    assertOnly(put(minimal(), "/distill", "{'alpha': 0.5}"), "$.distill.teacher", "required");
    assertOnly(put(minimal(), "/distill", "{'teacher': 'stage:a', 'alpha': 1.5}"), "$.distill.alpha");
    assertOnly(put(minimal(), "/finetune", "{'source': 'stage:a', 'keepLayers': 0}"), "$.finetune.keepLayers");
  }

  @Test
  void classesTakeNumbersOrNamesAsText() {
    ObjectNode doc = minimal();
    doc.set("dataset", json("{'name': 'digits', 'classes': [5, 6, 7], 'perClassLimit': 100}"));
    DatasetSpec dataset = SpecParser.parse(doc).dataset();
    assertEquals(List.of("5", "6", "7"), dataset.classes());
    assertEquals(100, dataset.perClassLimit());
    doc.set("dataset", json("{'name': 'digits', 'classes': [5, 5]}"));
    assertOnly(doc, "$.dataset.classes");
  }
}

package dev.modelsweep.spec;

import dev.modelsweep.trial.TrialConfig;
import dev.modelsweep.trial.TrialConfigs;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static dev.modelsweep.spec.SpecFixtures.json;
import static dev.modelsweep.spec.SpecFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrialConfigsTest {

  private static final SweepSpec SPEC = parse(json("""
      {'name': 'base', 'seed': 9, 'dataset': {'name': 'iris', 'testFraction': 0.2},
       'model': {'family': 'mlp', 'hiddenLayers': [64, 32], 'activation': 'tanh', 'dropout': 0.1},
       'training': {'epochs': 30, 'batchSize': 16},
       'optimizer': {'type': 'adam', 'learningRate': 0.003, 'beta1': 0.8, 'schedule': {'type': 'cosine'}}}"""));

  private static Map<String, Object> params(Object... pathsAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndValues.length; i += 2) {
      out.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
    }
    return out;
  }

  @Test
  void overridesLandInTheirFieldsAndTheRestIsTheBase() {
    Map<String, Object> values = params("model.dropout", 0.3, "training.batchSize", "full",
        "optimizer.learningRate", 0.01, "optimizer.schedule.minLearningRate", 0.0001);
    TrialConfig t = TrialConfigs.resolve(SPEC, "sweep-1", 3, values);
    assertEquals("sweep-1", t.sweepId());
    assertEquals("t003", t.trialId());
    assertEquals(3, t.index());
    assertEquals(9L, t.seed());
    assertEquals(values, t.params());
    assertEquals(List.copyOf(values.keySet()), List.copyOf(t.params().keySet()));
    assertEquals(SPEC.dataset(), t.dataset());
    assertEquals(new ModelSpec(ModelSpec.Family.MLP, List.of(64, 32), null, null, ModelSpec.Activation.TANH, 0.3,
        null, null, null, null, null, null), t.model());
    assertEquals(new TrainingSpec(30, BatchSize.FULL, null, null), t.training());
    assertEquals(new OptimizerSpec(OptimizerSpec.Type.ADAM, 0.01, null, 0.8, null, null, null, null,
        new ScheduleSpec(ScheduleSpec.Type.COSINE, null, null, null, 0.0001)), t.optimizer());
  }

  @Test
  void noParamsIsTheBaseItself() {
    TrialConfig t = TrialConfigs.resolve(SPEC, "s", 0, Map.of());
    assertEquals(SPEC.model(), t.model());
    assertEquals(SPEC.training(), t.training());
    assertEquals(SPEC.optimizer(), t.optimizer());
  }

  @Test
  void absentSectionsBecomeEmptyOnesSoDefaultsApply() {
    SweepSpec bare = parse(SpecFixtures.minimal());
    TrialConfig t = TrialConfigs.resolve(bare, "s", 0, params("optimizer.schedule.type", "step"));
    assertEquals(TrainingSpec.DEFAULT, t.training());
    assertEquals(ScheduleSpec.Type.STEP, t.optimizer().schedule().type());
    assertEquals(0.001, t.optimizer().learningRateOrDefault());
  }

  @Test
  void depthAndWidthReplaceBaseHiddenLayers() {
    TrialConfig t = TrialConfigs.resolve(SPEC, "s", 0, params("model.depth", 3));
    assertNull(t.model().hiddenLayers());
    assertEquals(3, t.model().depth());
    assertEquals(List.of(64, 64, 64), t.model().hiddenWidths());
  }

  @Test
  void hiddenLayersReplaceBaseDepthAndWidth() {
    SweepSpec grid = parse(json("{'name': 'g', 'dataset': 'iris', 'model': {'family': 'mlp', 'depth': 2, 'width': 8}}"));
    TrialConfig t = TrialConfigs.resolve(grid, "s", 0, params("model.hiddenLayers", List.of(32, 16)));
    assertEquals(new ModelSpec(ModelSpec.Family.MLP, List.of(32, 16), null, null, null, null, null, null, null, null,
        null, null), t.model());
  }

  @Test
  void pickingAKindDropsBaseFieldsThatDoNotApply() {
    TrialConfig sgd = TrialConfigs.resolve(SPEC, "s", 0, params("optimizer.type", "sgd"));
    assertEquals(new OptimizerSpec(OptimizerSpec.Type.SGD, 0.003, null, null, null, null, null, null,
        new ScheduleSpec(ScheduleSpec.Type.COSINE, null, null, null, null)), sgd.optimizer());
    TrialConfig adamw = TrialConfigs.resolve(SPEC, "s", 0, params("optimizer.type", "adamw"));
    assertEquals(0.8, adamw.optimizer().beta1(), "beta1 applies to adamw, so the base value stays");
    TrialConfig cnn = TrialConfigs.resolve(SPEC, "s", 0, params("model.family", "cnn", "model.channels", 8));
    assertEquals(new ModelSpec(ModelSpec.Family.CNN, null, null, null, ModelSpec.Activation.TANH, 0.1, null, null, 8,
        null, null, null), cnn.model());
  }

  @Test
  void valuesOfOtherParametersAreNeverDropped() {
    TrialConfig t = TrialConfigs.resolve(SPEC, "s", 0, params("optimizer.beta2", 0.95, "optimizer.type", "sgd"));
    assertEquals(0.95, t.optimizer().beta2());
  }

  @Test
  void specsAndTrialsSurviveTemporalsDataConverter() {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    TrialConfig t = TrialConfigs.resolve(SPEC, "s", 1, params("model.depth", 2, "optimizer.learningRate", 0.0123,
        "model.activation", "gelu", "training.batchSize", "full"));
    Payload trial = converter.toPayload(t).orElseThrow();
    assertEquals(t, converter.fromPayload(trial, TrialConfig.class, TrialConfig.class));
    SweepSpec full = parse(json(SpecDocumentTest.FULL));
    Payload spec = converter.toPayload(full).orElseThrow();
    assertEquals(full, converter.fromPayload(spec, SweepSpec.class, SweepSpec.class));
    assertEquals(SpecParser.toJson(full).toString(), spec.getData().toStringUtf8(), "no derived fields on the wire");
  }

  @Test
  void unknownPathOrUnfitValueIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> TrialConfigs.resolve(SPEC, "s", 0, params("dataset.limit", 10)));
    assertThrows(IllegalArgumentException.class, () -> TrialConfigs.resolve(SPEC, "s", 0, params("model.width", "wide")));
  }
}

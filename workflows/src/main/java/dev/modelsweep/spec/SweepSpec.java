package dev.modelsweep.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sweep, as a user writes it: what data, which model family and base configuration, how to
 * train, and what to search. Every field but {@code name}, {@code dataset} and {@code model} has
 * a default; {@link SpecParser} validates a document and fills nothing in, so the spec in workflow
 * history is exactly what the user sent. Defaults are applied per trial, in the {@link
 * dev.modelsweep.trial.TrialConfig} that {@link dev.modelsweep.trial.TrialConfigs} builds.
 *
 * @param name sweep name, used in ids and folder names (letters, digits, '.', '_', '-')
 * @param seed seed for the data split, weight initialisation, shuffling and random search; default 0
 * @param dataset the data to learn
 * @param model base model structure; search parameters override its fields
 * @param training epochs, batch size and checkpoint interval
 * @param optimizer base optimizer and learning-rate schedule
 * @param search the search space, strategy, trial budget and concurrency
 * @param objective the metric that ranks trials, and serving constraints
 * @param finetune when set, every trial is a fine-tune of a source model (transfer learning)
 * @param distill when set, every trial is a student distilled from a teacher model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSpec(
    String name,
    Long seed,
    DatasetSpec dataset,
    ModelSpec model,
    TrainingSpec training,
    OptimizerSpec optimizer,
    SearchSpec search,
    ObjectiveSpec objective,
    FinetuneSpec finetune,
    DistillSpec distill) {

  /** The seed, 0 when the spec leaves it out. */
  public long seedOrDefault() {
    return seed == null ? 0L : seed;
  }

  public TrainingSpec trainingOrDefault() {
    return training == null ? TrainingSpec.DEFAULT : training;
  }

  public SearchSpec searchOrDefault() {
    return search == null ? SearchSpec.DEFAULT : search;
  }

  public ObjectiveSpec objectiveOrDefault() {
    return objective == null ? ObjectiveSpec.DEFAULT : objective;
  }

  /** The same spec with another search. */
  public SweepSpec withSearch(SearchSpec replaced) {
    return new SweepSpec(name, seed, dataset, model, training, optimizer, replaced, objective, finetune, distill);
  }

  /** The same spec with other transfer-learning and distillation sections. */
  public SweepSpec withTraining(FinetuneSpec replacedFinetune, DistillSpec replacedDistill) {
    return new SweepSpec(name, seed, dataset, model, training, optimizer, search, objective,
        replacedFinetune, replacedDistill);
  }
}

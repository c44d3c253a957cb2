package dev.modelsweep.model;

/**
 * Where a model came from. Fields that do not apply are null.
 *
 * @param pipeline the pipeline (workflow) id that produced it
 * @param stage the stage id within that pipeline
 * @param spec store key of the sweep spec the model was trained from (JSON)
 * @param config store key of the trial's complete configuration (a {@link
 *     dev.modelsweep.trial.TrialConfig} as JSON): what a reader needs to rebuild the network
 * @param sweep the sweep (workflow) id that trained it
 * @param trial the trial id within that sweep
 * @param teacher store key of the teacher's weights, for a distilled model
 * @param source store key of the source model's weights, for a fine-tuned model
 */
public record Lineage(
    String pipeline,
    String stage,
    String spec,
    String config,
    String sweep,
    String trial,
    String teacher,
    String source) {}

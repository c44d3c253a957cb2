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
 * @param teacher the teacher of a distilled model: the store key of its model list ({@code
 *     models/sha256-<hex>.json}, the teacher's references; several for an ensemble) or the trial
 *     {@code SWEEP_ID/TRIAL_ID} the spec named
 * @param source the source of a fine-tuned model, in the same form
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

package dev.modelsweep.model;

import dev.modelsweep.spec.SweepSpec;
import dev.modelsweep.trial.TrialResult;
import java.util.List;

/**
 * Put the weights of a sweep's trials into the artifact store and return a reference to each.
 *
 * @param pipelineId the pipeline that asks, for the references' lineage
 * @param stageId the stage that asks
 * @param sweepId the sweep that trained the trials
 * @param spec the sweep's spec, from which each trial's configuration is rebuilt
 * @param trials finished trials of that sweep, best first
 */
public record PublishRequest(
    String pipelineId, String stageId, String sweepId, SweepSpec spec, List<TrialResult> trials) {}

/**
 * Pipelines: stages that search, train and evaluate models, chained as a graph and run as one
 * durable workflow.
 *
 * <ul>
 *   <li>{@link dev.modelsweep.pipeline.PipelineParser} reads a document ({@code
 *       docs/pipeline.schema.json}) and reports every problem with its JSON path, as the sweep
 *       spec's parser does and with its machinery; embedded sweep specs are validated by the
 *       sweep spec's own parser.
 *   <li>{@link dev.modelsweep.pipeline.Operators} is the registry of {@link
 *       dev.modelsweep.pipeline.Operator}s ({@code sweep}, {@code train}, {@code evaluate},
 *       {@code finetune}, {@code distill}): each says which fields it takes, what it produces and
 *       how it runs.
 *   <li>{@link dev.modelsweep.pipeline.PipelineWorkflow} runs the stages in dependency order,
 *       independent ones in parallel; stages pass {@link dev.modelsweep.model.ModelReference}s,
 *       never paths or weights.
 * </ul>
 *
 * <p>Workflow code here is deterministic: the document is validated once, inside a side effect
 * recorded in history, and every model is touched only by activities.
 */
package dev.modelsweep.pipeline;

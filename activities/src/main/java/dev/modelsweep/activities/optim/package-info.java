/**
 * Optimizers written on NDArrays, with state that travels in checkpoints. DJL's PyTorch engine
 * lacks NAG, RMSProp and Adagrad, and its Adam keeps moments private and keyed by per-JVM
 * parameter ids, so a resumed trial would restart them from zero. Here every state array is keyed
 * by the parameter's stable path name and saved with the weights, so a resumed trial continues
 * bit for bit.
 *
 * <p>The update rules follow PyTorch's {@code torch.optim} (no dampening, no AMSGrad, no
 * learning-rate decay inside Adagrad). {@code weightDecay} adds {@code weightDecay * w} to the
 * gradient (L2), except for AdamW, which decays the weights directly (decoupled); it applies to
 * every trained parameter, biases and batch-norm scales included.
 */
package dev.modelsweep.activities.optim;

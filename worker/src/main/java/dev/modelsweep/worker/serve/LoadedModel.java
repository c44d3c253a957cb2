package dev.modelsweep.worker.serve;

import dev.modelsweep.activities.registry.ModelCard;
import dev.modelsweep.activities.registry.ModelRegistry;
import dev.modelsweep.activities.train.Predictor;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registry version loaded for serving, counting the requests that use it, so that a version
 * replaced by a newer one is closed only once its last request has its answer.
 */
final class LoadedModel {

  private final ModelCard card;
  private final Predictor predictor;
  /** Requests in flight, plus one while it is the served version. */
  private final AtomicInteger holds = new AtomicInteger(1);

  private LoadedModel(ModelCard card, Predictor predictor) {
    this.card = card;
    this.predictor = predictor;
  }

  static LoadedModel load(ModelRegistry registry, ModelCard card) throws IOException {
    return new LoadedModel(card, new Predictor(card.config(), card.inputShape(), card.classNames(),
        card.normalization(), registry.weights(card)));
  }

  ModelCard card() {
    return card;
  }

  Predictor predictor() {
    return predictor;
  }

  /** Takes a hold for one request; false when the version was already closed (take the new one). */
  boolean acquire() {
    while (true) {
      int n = holds.get();
      if (n == 0) {
        return false;
      }
      if (holds.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a request's hold, or the served version's when it is replaced; the last one closes it. */
  void release() {
    if (holds.decrementAndGet() == 0) {
      predictor.close();
    }
  }
}

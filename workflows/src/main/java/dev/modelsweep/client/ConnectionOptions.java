package dev.modelsweep.client;

import java.util.Objects;

/**
 * Where the Temporal service is. Immutable; build with {@link #newBuilder()}.
 *
 * @param target host:port of the Temporal frontend; default {@code 127.0.0.1:7233}
 * @param namespace Temporal namespace; default {@code default}
 */
public record ConnectionOptions(String target, String namespace) {

  public static final String DEFAULT_TARGET = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public ConnectionOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
  }

  public static ConnectionOptions getDefaultInstance() {
    return newBuilder().build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builder for {@link ConnectionOptions}. */
  public static final class Builder {
    private String target = DEFAULT_TARGET;
    private String namespace = DEFAULT_NAMESPACE;

    private Builder() {}

    /** host:port of the Temporal frontend; default {@code 127.0.0.1:7233}. */
    public Builder setTarget(String target) {
      this.target = target;
      return this;
    }

    /** Temporal namespace; default {@code default}. */
    public Builder setNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public ConnectionOptions build() {
      return new ConnectionOptions(target, namespace);
    }
  }
}

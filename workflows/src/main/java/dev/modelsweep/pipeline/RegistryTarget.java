package dev.modelsweep.pipeline;

/**
 * A stage's {@code target}: a registry name and an alias, written {@code NAME@ALIAS} (the schema
 * checks the form).
 */
record RegistryTarget(String name, String alias) {

  static RegistryTarget parse(String text) {
    int at = text.indexOf('@');
    return new RegistryTarget(text.substring(0, at), text.substring(at + 1));
  }

  @Override
  public String toString() {
    return name + "@" + alias;
  }
}

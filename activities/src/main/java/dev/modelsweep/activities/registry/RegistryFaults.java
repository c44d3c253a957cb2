package dev.modelsweep.activities.registry;

/**
 * Faults for the crash tests of promotion: with the system property {@value #HALT} set to {@code
 * before-card} or {@code before-alias}, the process halts (as a SIGKILL ends it: no shutdown hooks,
 * nothing flushed) at that point of a promotion: after a version's weights are written and before
 * its card is, or after the card and before the alias moves. Never set in production.
 */
final class RegistryFaults {

  static final String HALT = "modelsweep.faults.halt";

  private RegistryFaults() {}

  static void beforeCard() {
    haltAt("before-card");
  }

  static void beforeAlias() {
    haltAt("before-alias");
  }

  private static void haltAt(String point) {
    if (point.equals(System.getProperty(HALT))) {
      Runtime.getRuntime().halt(137);
    }
  }
}

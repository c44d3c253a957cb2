package dev.modelsweep.worker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Log levels set from the command line: {@code -Dmodelsweep.log.LOGGER=LEVEL} (for example
 * {@code -Dmodelsweep.log.dev.modelsweep.activities.train=debug}, or {@code
 * -Dmodelsweep.log.ROOT=debug} for everything), over the defaults of {@link LogConfigurator}. Levels
 * are Logback's: {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error}, {@code
 * off}.
 */
public final class LogLevels {

  /** Prefix of the system properties that set a logger's level. */
  public static final String PREFIX = "modelsweep.log.";

  private LogLevels() {}

  /** Applies every {@code modelsweep.log.*} system property. */
  static void applySystemProperties() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        set(name.substring(PREFIX.length()), System.getProperty(name));
      }
    }
  }

  /** Sets {@code logger}'s level to {@code level} unless a system property sets it. */
  static void defaultTo(String logger, String level) {
    if (System.getProperty(PREFIX + logger) == null) {
      set(logger, level);
    }
  }

  private static void set(String logger, String level) {
    Level parsed = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
    if (parsed == null) {
      throw new IllegalArgumentException("-D" + PREFIX + logger + "=" + level
          + ": not a level; use trace, debug, info, warn, error or off");
    }
    ((Logger) LoggerFactory.getLogger(logger)).setLevel(parsed);
  }
}

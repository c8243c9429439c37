package dev.provenanceaction;

/**
 * A {@code java.util.logging} configuration that configures nothing: named as {@code
 * java.util.logging.config.class}, it stands in for {@code logging.properties}, so the root logger
 * gets no handler and library log records go nowhere.
 */
public final class NoLogging {
  /** Called by LogManager when something first logs; by then there is nothing left to do. */
  public NoLogging() {}
}

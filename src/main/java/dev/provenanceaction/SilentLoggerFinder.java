package dev.provenanceaction;

import java.util.ResourceBundle;

/**
 * The JDK's own loggers ({@code System.getLogger}), silenced the way {@link NoLogging} silences
 * {@code java.util.logging}: named in {@code META-INF/services}, it is found before the JDK falls
 * back to {@code java.util.logging} as its backend. The first certificate a run parses asks for the
 * security event logger, and with no finder of its own the JDK started that backend for it (its
 * LogManager and 20 classes on the signing path), for loggers that print nothing once {@code Main}
 * has named NoLogging. It serves every JVM the jar is on, the tests' too: a JDK diagnostic that
 * goes through {@code System.Logger} prints nothing there either ({@code -Djavax.net.debug=all}
 * still prints, to standard error itself; {@code -Djavax.net.debug} with no value does not).
 */
public final class SilentLoggerFinder extends System.LoggerFinder {
  private static final System.Logger SILENT = new Silent();

  @Override
  public System.Logger getLogger(String name, Module module) {
    return SILENT;
  }

  private static final class Silent implements System.Logger {
    @Override
    public String getName() {
      return "silent";
    }

    @Override
    public boolean isLoggable(Level level) {
      return false;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {}

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {}
  }
}

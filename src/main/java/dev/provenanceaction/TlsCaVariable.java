package dev.provenanceaction;

import dev.provenanceaction.sigstore.TlsTrust;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code PROVENANCE_ACTION_TLS_CA}: a PEM file of CAs trusted for TLS besides the JDK's, as {@code
 * NODE_EXTRA_CA_CERTS} is for Node (a JVM reads none of the system's). The command line's verify
 * trusts them for Rekor; the action for GitHub's API (a GitHub Enterprise Server behind its own
 * CA). Only the two edges read it.
 */
public final class TlsCaVariable {
  public static final String NAME = "PROVENANCE_ACTION_TLS_CA";

  private TlsCaVariable() {}

  /** The JDK's CAs, and those the variable names if it is set. */
  public static TlsTrust trust(Map<String, String> env) throws Unusable {
    String file = env.get(NAME);
    if (file == null || file.isBlank()) {
      return TlsTrust.jdkDefaults();
    }
    try {
      return TlsTrust.jdkDefaultsPlusPem(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new Unusable(NAME + " names " + file + ", which does not exist");
    } catch (IOException | InvalidPathException e) {
      throw new Unusable(NAME + " names " + file + ": " + e.getMessage());
    }
  }

  /** The variable names no file of certificates. */
  public static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }
}

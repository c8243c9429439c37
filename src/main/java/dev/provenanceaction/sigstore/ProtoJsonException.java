package dev.provenanceaction.sigstore;

import java.io.IOException;

/**
 * A Sigstore JSON document (trusted root, bundle) lacks a field or holds a value of the wrong kind.
 */
public class ProtoJsonException extends IOException {
  public ProtoJsonException(String message) {
    super(message);
  }

  public ProtoJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.provenanceaction.release;

import java.io.IOException;

/** GitHub answered a call with an error status. The message holds GitHub's, never the token. */
final class GithubApiException extends IOException {
  private final int status;

  GithubApiException(String call, int status, String message) {
    super(call + ": HTTP " + status + (message.isBlank() ? "" : ": " + message));
    this.status = status;
  }

  int status() {
    return status;
  }
}

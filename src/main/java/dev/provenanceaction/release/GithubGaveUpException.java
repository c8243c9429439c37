package dev.provenanceaction.release;

import java.io.IOException;

/**
 * A call to GitHub that was retried as far as the attempts and the run's deadline allow, or whose
 * rate-limit wait would pass the deadline. Its message names GitHub, the call and the last cause;
 * no caller retries it again.
 */
final class GithubGaveUpException extends IOException {
  GithubGaveUpException(String message, Throwable cause) {
    super(message, cause);
  }
}

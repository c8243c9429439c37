package dev.provenanceaction.release;

import java.util.Objects;

/**
 * The token for GitHub's API. Its {@link #toString()} never shows the value, so it cannot leak
 * through a log line, an exception or a record's {@code toString}.
 */
public final class GithubToken {
  private final String value;

  private GithubToken(String value) {
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException if the value is blank (the message does not repeat it)
   */
  public static GithubToken of(String value) {
    Objects.requireNonNull(value, "token");
    if (value.isBlank()) {
      throw new IllegalArgumentException("the GitHub token is empty");
    }
    return new GithubToken(value.strip());
  }

  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "GithubToken[***]";
  }
}

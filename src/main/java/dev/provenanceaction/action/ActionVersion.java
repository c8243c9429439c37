package dev.provenanceaction.action;

import java.util.Optional;

/**
 * This action's version, as its jar's manifest names it ({@code Implementation-Version}, the pom's
 * version): none when the code runs from classes rather than a built jar, as in tests.
 */
public final class ActionVersion {
  private ActionVersion() {}

  /** The version, if the code runs from a built jar. */
  public static Optional<String> ofThisBuild() {
    return Optional.ofNullable(ActionVersion.class.getPackage().getImplementationVersion());
  }

  /** The version, if this build is a release: built, and not a {@code -SNAPSHOT}. */
  public static Optional<String> release() {
    return ofThisBuild().filter(version -> !version.endsWith("-SNAPSHOT"));
  }
}

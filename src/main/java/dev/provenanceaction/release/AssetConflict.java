package dev.provenanceaction.release;

import java.util.Locale;

/** What to do when the release already has a provenance asset of the same name. */
public enum AssetConflict {
  /**
   * Keep its lines, except those this run's lines supersede (an earlier attempt of the same run for
   * the same subjects), add this run's, and replace the asset.
   */
  MERGE,
  /** Replace it with this run's lines only. */
  REPLACE,
  /** Fail and leave it as it is. */
  FAIL;

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static AssetConflict parse(String value) {
    for (AssetConflict choice : values()) {
      if (choice.name().equalsIgnoreCase(value.strip())) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "asset-conflict is '" + value + "'; use merge, replace or fail");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

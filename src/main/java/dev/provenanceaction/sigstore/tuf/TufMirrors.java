package dev.provenanceaction.sigstore.tuf;

import java.util.Objects;

/**
 * The TUF repositories behind {@code sigstore: public-good} and {@code staging}.
 *
 * @param publicGood public-good's
 * @param staging staging's
 */
public record TufMirrors(TufMirror publicGood, TufMirror staging) {
  /** Sigstore's own, with the first roots {@link TufMirror} gives them. */
  public static final TufMirrors SIGSTORE =
      new TufMirrors(TufMirror.PUBLIC_GOOD, TufMirror.STAGING);

  public TufMirrors {
    Objects.requireNonNull(publicGood, "publicGood");
    Objects.requireNonNull(staging, "staging");
  }
}

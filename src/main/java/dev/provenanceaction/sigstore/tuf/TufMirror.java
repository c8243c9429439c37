package dev.provenanceaction.sigstore.tuf;

import dev.provenanceaction.sigstore.TlsTrust;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import java.net.URI;
import java.util.Objects;

/**
 * A TUF repository that publishes a Sigstore instance's trust root, and the first root.json a
 * client trusts it with. Only code can name a repository other than public-good's and staging's
 * (the tests' loopback repositories), never an input or a variable a workflow sets.
 *
 * <p>Public-good's first root is version 16, the one sigstore-js ships ({@code @sigstore/tuf}
 * 5.0.1's seed), not sigstore-java 2.0.0's version 10: an empty cache, as on every fresh runner,
 * would otherwise fetch and check six roots, one round trip each, before the timestamp. A test
 * follows its signatures back to sigstore-java's. Staging's is sigstore-java's.
 *
 * @param name names it to a person and names its cache directory
 * @param metadataUrl where {@code N.root.json}, {@code timestamp.json} and the rest are
 * @param targetsUrl where the targets are, as {@code HASH.NAME} (consistent snapshots)
 * @param initialRoot the root.json trusted before anything is fetched
 * @param tls the TLS trust that reaches the repository and the services its signing config names
 */
public record TufMirror(
    String name, URI metadataUrl, URI targetsUrl, RootProvider initialRoot, TlsTrust tls) {
  public static final TufMirror PUBLIC_GOOD =
      of(
          "public-good",
          URI.create("https://tuf-repo-cdn.sigstore.dev/"),
          RootProvider.fromResource("dev/provenanceaction/sigstore/tuf/public-good.root.json"),
          TlsTrust.jdkDefaults());
  public static final TufMirror STAGING =
      of(
          "staging",
          URI.create("https://tuf-repo-cdn.sigstage.dev/"),
          RootProvider.fromResource(SigstoreTufClient.STAGING_ROOT_RESOURCE),
          TlsTrust.jdkDefaults());

  public TufMirror {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metadataUrl, "metadataUrl");
    Objects.requireNonNull(targetsUrl, "targetsUrl");
    Objects.requireNonNull(initialRoot, "initialRoot");
    Objects.requireNonNull(tls, "tls");
  }

  /** A repository laid out as Sigstore's are: metadata at {@code url}, targets under targets/. */
  public static TufMirror of(String name, URI url, RootProvider initialRoot, TlsTrust tls) {
    URI base = url.toString().endsWith("/") ? url : URI.create(url + "/");
    return new TufMirror(name, base, base.resolve("targets/"), initialRoot, tls);
  }
}

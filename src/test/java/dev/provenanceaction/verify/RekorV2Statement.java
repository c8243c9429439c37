package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.OwnSigstore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What the Rekor v2 tests start from: a provenance statement for {@link #ARTIFACT}, signed by an
 * {@link OwnSigstore} signer and logged in its Rekor v2 log, a timestamp authority, and a trusted
 * root that holds both.
 */
final class RekorV2Statement {
  static final byte[] ARTIFACT = "wheel bytes\n".getBytes(StandardCharsets.UTF_8);
  static final String ARTIFACT_SHA256 = HexFormat.of().formatHex(Digests.sha256(ARTIFACT));

  /** Within the leaf's ten minutes of validity. */
  static final Instant SIGNED_AT = OwnSigstore.START.plusSeconds(30);

  final OwnSigstore own = new OwnSigstore();
  final TestTimestampAuthority tsa = new TestTimestampAuthority(OwnSigstore.START);
  final OwnSigstore.Signer signer = own.newSigner();
  final DsseEnvelope envelope =
      OwnSigstore.envelope(
          signer, OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, ARTIFACT_SHA256));
  final LogEntry entry = own.logRekorV2(envelope, signer.leaf());

  /** Own Sigstore's root with the Rekor v2 log beside its v1 log, and the timestamp authority. */
  TrustedRoot root() {
    TrustedRoot base = own.trustedRoot();
    return new TrustedRoot(
        base.certificateAuthorities(),
        List.of(base.transparencyLogs().get(0), own.rekorV2().trustedRootEntry()),
        base.ctLogs(),
        List.of(tsa.trustedRootEntry()));
  }

  /** The envelope with {@link #entry} and these timestamps. */
  SigstoreBundle bundle(List<byte[]> timestamps) {
    return new SigstoreBundle(signer.leaf(), entry, envelope, timestamps);
  }

  /** The envelope with {@code logged} and the authority's timestamp at {@link #SIGNED_AT}. */
  SigstoreBundle timestamped(LogEntry logged) {
    return new SigstoreBundle(
        signer.leaf(), logged, envelope, List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));
  }

  static VerificationException assertFails(TrustedRoot root, SigstoreBundle bundle) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(root).verify(bundle));
  }
}

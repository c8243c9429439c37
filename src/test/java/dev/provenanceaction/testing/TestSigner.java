package dev.provenanceaction.testing;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.CertificateAuthority;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * A fresh P-256 key that signs as the action does: the proof of possession over the token's subject
 * that a certificate authority asks for, and DSSE envelopes over their PAE.
 */
public record TestSigner(KeyPair keys) {
  /** The claims of a token for octo/hello's release workflow, run for the tag v1.0.0. */
  public static final Map<String, String> RELEASE_CLAIMS =
      Map.of(
          "iss", "https://token.actions.githubusercontent.com",
          "sub", "repo:octo/hello:ref:refs/tags/v1.0.0",
          "repository", "octo/hello",
          "ref", "refs/tags/v1.0.0",
          "sha", "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
          "job_workflow_ref", "octo/hello/.github/workflows/release.yml@refs/tags/v1.0.0");

  public static TestSigner generate() {
    return new TestSigner(Ecdsa.generateP256());
  }

  /** The chain {@code authority} issues for this key to the holder of {@code token}. */
  public List<X509Certificate> chain(CertificateAuthority authority, OidcToken token)
      throws SigstoreException {
    byte[] proof =
        Ecdsa.sign(keys.getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
    return authority.issue(token, keys.getPublic(), proof);
  }

  /**
   * The leaf {@code authority} issues for this key to the holder of a token with these claims.
   *
   * @throws AssertionError if the authority refuses: no test here expects it to
   */
  public X509Certificate leaf(CertificateAuthority authority, Map<String, String> claims) {
    try {
      return chain(authority, new OidcToken("unused", claims)).get(0);
    } catch (SigstoreException e) {
      throw new AssertionError(e);
    }
  }

  /** The UTF-8 statement in an in-toto DSSE envelope signed by this key. */
  public DsseEnvelope envelope(String statement) {
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    return new DsseEnvelope(
        payload,
        DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
        Ecdsa.sign(
            keys.getPrivate(), DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload)));
  }
}

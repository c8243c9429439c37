package dev.provenanceaction.sigstore.fulcio;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Issues a short-lived code-signing certificate for a key, vouching for an OIDC identity. */
public interface CertificateAuthority {
  /**
   * @param token the identity token the certificate will vouch for
   * @param publicKey the ephemeral signing key
   * @param proofOfPossession the key's signature over the token's {@code sub} claim
   * @return the chain, leaf first, as the CA returned it (may include the root)
   */
  List<X509Certificate> issue(OidcToken token, PublicKey publicKey, byte[] proofOfPossession)
      throws SigstoreException;
}

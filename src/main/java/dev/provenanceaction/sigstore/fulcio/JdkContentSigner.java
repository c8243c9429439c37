package dev.provenanceaction.sigstore.fulcio;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates with ECDSA/SHA-384 through the JDK's provider. BouncyCastle's {@code
 * JcaContentSignerBuilder} would do the same but first loads its algorithm tables, which costs
 * about half a second of an ephemeral run's start-up.
 */
final class JdkContentSigner implements ContentSigner {
  private static final AlgorithmIdentifier ECDSA_WITH_SHA384 =
      new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384);

  private final PrivateKey key;
  private final ByteArrayOutputStream content = new ByteArrayOutputStream(2048);

  JdkContentSigner(PrivateKey key) {
    this.key = key;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return ECDSA_WITH_SHA384;
  }

  @Override
  public OutputStream getOutputStream() {
    return content;
  }

  @Override
  public byte[] getSignature() {
    try {
      Signature signature = Signature.getInstance("SHA384withECDSA");
      signature.initSign(key);
      signature.update(content.toByteArray());
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the CA's EC key", e);
    }
  }
}

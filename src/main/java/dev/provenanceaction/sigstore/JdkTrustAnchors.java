package dev.provenanceaction.sigstore;

import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.DerReader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The CAs the JDK trusts by default, each parsed only when a server's chain names it.
 *
 * <p>The JDK's own trust manager reads its store and parses every certificate in it before the
 * first handshake's check: 112 on the image's runtime, about 30 ms of a cold run's CPU, on the way
 * to its first request (BENCHMARKS.md, session 17). A chain ends at one or two of them. So the
 * store's entries are indexed by the encoding of their subjects, found without parsing them, and a
 * chain is judged by the JDK's own PKIX trust manager over the entries whose subject is a subject
 * or an issuer in the chain: the JDK's validator looks its anchors up by those names, so these are
 * the anchors it could reach from that chain. Fewer anchors can only refuse more, never accept
 * more, so {@link TlsTrust} has a chain they refuse judged again by the whole store, and its
 * verdict is the JDK's.
 *
 * <p>Only the store the JDK reads by default, in the JKS form that OpenJDK 17's, Debian's and
 * Temurin 25's {@code cacerts} have: with a {@code javax.net.ssl.trustStore*} property, a {@code
 * jssecacerts}, a PKCS #12 store or anything unexpected in it, {@link #ofDefaultStore} is empty and
 * the JDK reads its store itself.
 */
final class JdkTrustAnchors {
  private static final int JKS_MAGIC = 0xfeedfeed;
  private static final int TRUSTED_CERTIFICATE = 2;

  private final Map<ByteBuffer, List<byte[]>> bySubject;
  private final Map<List<byte[]>, X509ExtendedTrustManager> judges = new HashMap<>();

  private JdkTrustAnchors(Map<ByteBuffer, List<byte[]>> bySubject) {
    this.bySubject = bySubject;
  }

  /** The JDK's default store, if it is the one read here. */
  static Optional<JdkTrustAnchors> ofDefaultStore() {
    for (String property :
        List.of(
            "javax.net.ssl.trustStore",
            "javax.net.ssl.trustStoreType",
            "javax.net.ssl.trustStoreProvider",
            "javax.net.ssl.trustStorePassword")) {
      if (System.getProperty(property) != null) {
        return Optional.empty();
      }
    }
    // The JDK reads its store as the default key store type: PKCS #12 reads the JKS form only when
    // keystore.type.compat lets it.
    String type = KeyStore.getDefaultType();
    if (!type.equalsIgnoreCase("jks")
        && !(type.equalsIgnoreCase("pkcs12")
            && "true".equalsIgnoreCase(Security.getProperty("keystore.type.compat")))) {
      return Optional.empty();
    }
    Path directory = Path.of(System.getProperty("java.home"), "lib", "security");
    if (Files.exists(directory.resolve("jssecacerts"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(readJks(Files.readAllBytes(directory.resolve("cacerts"))));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // the JDK's own reading says what is wrong with it
    }
  }

  /**
   * The trusted certificates of a JKS store, as JDK 17's {@code JavaKeyStore} reads them without a
   * password (no integrity check, as the JDK's trust store is read).
   *
   * @throws IOException if it is not a JKS store of trusted certificates only, each X.509 under an
   *     alias of its own
   * @throws IllegalArgumentException if a certificate's subject cannot be found
   */
  static JdkTrustAnchors readJks(byte[] store) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(store));
    if (store.length < 12 || in.readInt() != JKS_MAGIC) {
      throw new IOException("not a JKS key store");
    }
    int version = in.readInt();
    if (version != 1 && version != 2) {
      throw new IOException("JKS version " + version);
    }
    int count = in.readInt();
    Set<String> aliases = new HashSet<>();
    Map<ByteBuffer, List<byte[]>> bySubject = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int tag = in.readInt();
      if (tag != TRUSTED_CERTIFICATE) {
        throw new IOException("a JKS entry of tag " + tag + ", not a trusted certificate");
      }
      // The JDK's JKS keeps aliases in lower case: one written twice keeps only its last entry.
      if (!aliases.add(in.readUTF().toLowerCase(Locale.ENGLISH))) {
        throw new IOException("a JKS alias given twice");
      }
      in.readLong(); // when the entry was made
      if (version == 2) {
        String certificateType = in.readUTF();
        if (!certificateType.equals("X.509") && !certificateType.equals("X509")) {
          throw new IOException("a JKS certificate of type " + certificateType);
        }
      }
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        throw new IOException("a JKS certificate runs past the store");
      }
      byte[] certificate = in.readNBytes(length);
      bySubject
          .computeIfAbsent(ByteBuffer.wrap(subjectOf(certificate)), subject -> new ArrayList<>())
          .add(certificate);
    }
    return new JdkTrustAnchors(bySubject);
  }

  /**
   * The JDK's PKIX trust manager over the anchors this chain names, made once for each set of them;
   * empty when it names none.
   */
  synchronized Optional<X509ExtendedTrustManager> judgeOf(X509Certificate[] chain)
      throws GeneralSecurityException, IOException {
    Set<ByteBuffer> names = new LinkedHashSet<>();
    for (X509Certificate certificate : chain) {
      names.add(ByteBuffer.wrap(certificate.getSubjectX500Principal().getEncoded()));
      names.add(ByteBuffer.wrap(certificate.getIssuerX500Principal().getEncoded()));
    }
    List<byte[]> named = new ArrayList<>();
    for (ByteBuffer name : names) {
      named.addAll(bySubject.getOrDefault(name, List.of()));
    }
    if (named.isEmpty()) {
      return Optional.empty();
    }
    X509ExtendedTrustManager judge = judges.get(named);
    if (judge == null) {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] encoded : named) {
        anchors.setCertificateEntry(
            "anchor-" + anchors.size(),
            factory.generateCertificate(new ByteArrayInputStream(encoded)));
      }
      judge = TlsTrust.trustManagerOf(anchors);
      judges.put(named, judge);
    }
    return Optional.of(judge);
  }

  /** A certificate's subject, tag and length included, found by walking its DER. */
  private static byte[] subjectOf(byte[] certificate) {
    List<byte[]> fields =
        DerReader.children(DerReader.children(certificate, Der.SEQUENCE).get(0), Der.SEQUENCE);
    // version [0] (absent for version 1), serialNumber, signature, issuer, validity, subject
    int index =
        !fields.isEmpty() && DerReader.tag(fields.get(0)) == Der.CONTEXT_CONSTRUCTED ? 5 : 4;
    byte[] subject = fields.size() > index ? fields.get(index) : new byte[0];
    if (subject.length == 0 || DerReader.tag(subject) != Der.SEQUENCE) {
      throw new IllegalArgumentException("a certificate's subject is not a Name");
    }
    return subject;
  }
}

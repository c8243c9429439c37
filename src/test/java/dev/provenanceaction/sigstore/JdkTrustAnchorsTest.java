package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.TestTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK's default CAs read as the JDK reads them, from real stores (src/test/resources/real,
 * jdk-cacerts/) and from stores the JDK's own JKS writer makes, and their mutations.
 */
class JdkTrustAnchorsTest {
  private static final String OPENJDK = "real/jdk-cacerts/openjdk-17.0.15.cacerts";
  private static final String DEBIAN = "real/jdk-cacerts/debian-ca-certificates-java.cacerts";
  private static final TestTls SERVER = TestTls.create();

  /**
   * Each certificate the JDK reads from the store is found by its own name, the subject the DER
   * walk reads being the one the JDK parses, and a chain of it alone names it and nothing else.
   */
  @ParameterizedTest
  @ValueSource(strings = {OPENJDK, DEBIAN})
  void everyCertificateTheJdkReadsIsFoundByItsName(String store) throws Exception {
    List<X509Certificate> jdk = jdkRead(Fixtures.bytes(store));
    assertEquals(store.equals(OPENJDK) ? 112 : 144, jdk.size());
    JdkTrustAnchors anchors = JdkTrustAnchors.readJks(Fixtures.bytes(store));
    for (X509Certificate certificate : jdk) {
      X509Certificate[] alone = {certificate};
      List<X509Certificate> named =
          List.of(anchors.judgeOf(alone).orElseThrow().getAcceptedIssuers());
      assertTrue(named.contains(certificate), certificate.getSubjectX500Principal().toString());
      for (X509Certificate other : named) {
        assertTrue(
            other.getSubjectX500Principal().equals(certificate.getSubjectX500Principal())
                || other.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()),
            other.getSubjectX500Principal() + " named by " + certificate.getSubjectX500Principal());
      }
    }
  }

  /** A server's chain is judged by the JDK's PKIX trust manager over the one CA it names. */
  @Test
  void aServersChainIsTrustedByTheCaItNames() throws Exception {
    JdkTrustAnchors anchors = JdkTrustAnchors.readJks(realStorePlus(SERVER.caCertificate()));
    X509ExtendedTrustManager judge = anchors.judgeOf(SERVER.chain()).orElseThrow();
    assertArrayEquals(new X509Certificate[] {SERVER.caCertificate()}, judge.getAcceptedIssuers());
    judge.checkServerTrusted(SERVER.chain(), "UNKNOWN");
    assertSame(judge, anchors.judgeOf(SERVER.chain()).orElseThrow(), "made once, kept");
  }

  /**
   * An entry is found by its subject, not its issuer: a store of the server's own certificate has
   * nothing for a chain of the CA alone, and names it for the server's chain.
   */
  @Test
  void anEntryIsFoundByItsSubject() throws Exception {
    X509Certificate server = SERVER.chain()[0];
    JdkTrustAnchors anchors = JdkTrustAnchors.readJks(jksOf(List.of("server"), server));
    assertEquals(Optional.empty(), anchors.judgeOf(new X509Certificate[] {SERVER.caCertificate()}));
    assertArrayEquals(
        new X509Certificate[] {server},
        anchors.judgeOf(SERVER.chain()).orElseThrow().getAcceptedIssuers());
  }

  /** The chain of another CA of the same name is named too, and refused by the JDK's check. */
  @Test
  void aCaOfTheSameNameButAnotherKeyIsRefused() throws Exception {
    JdkTrustAnchors anchors = JdkTrustAnchors.readJks(realStorePlus(SERVER.caCertificate()));
    X509Certificate[] impostor = TestTls.create().chain();
    X509ExtendedTrustManager judge = anchors.judgeOf(impostor).orElseThrow();
    assertThrows(CertificateException.class, () -> judge.checkServerTrusted(impostor, "UNKNOWN"));
  }

  /** A chain that names no CA of the store is left to the whole store, as the JDK reads it. */
  @Test
  void aChainThatNamesNoCaOfTheStoreHasNoJudgeHere() throws Exception {
    JdkTrustAnchors anchors = JdkTrustAnchors.readJks(Fixtures.bytes(OPENJDK));
    assertEquals(Optional.empty(), anchors.judgeOf(SERVER.chain()));
  }

  /** With the JDK's store named by a property, the JDK reads it itself. */
  @Test
  void aTrustStorePropertyLeavesTheStoreToTheJdk() throws Exception {
    Path store = Files.createTempFile("trust", ".jks");
    Files.write(store, realStorePlus(SERVER.caCertificate()));
    System.setProperty("javax.net.ssl.trustStore", store.toString());
    try {
      assertEquals(Optional.empty(), JdkTrustAnchors.ofDefaultStore());
    } finally {
      System.clearProperty("javax.net.ssl.trustStore");
      Files.delete(store);
    }
  }

  @Test
  void aStoreCutShortIsRefused() {
    byte[] store = Fixtures.bytes(OPENJDK);
    for (int length : new int[] {0, 11, 12, 100, store.length / 2, store.length - 21}) {
      byte[] cut = Arrays.copyOf(store, length);
      assertThrows(IOException.class, () -> JdkTrustAnchors.readJks(cut), "cut at " + length);
    }
  }

  @Test
  void anotherMagicOrVersionIsRefused() {
    byte[] pkcs12Like = Fixtures.bytes(OPENJDK);
    pkcs12Like[0] = 0x30;
    assertThrows(IOException.class, () -> JdkTrustAnchors.readJks(pkcs12Like));
    byte[] version3 = Fixtures.bytes(OPENJDK);
    version3[7] = 3;
    assertEquals("JKS version 3", refusal(version3));
  }

  /** A private key entry (tag 1) is not read here: the JDK's own reading takes such a store. */
  @Test
  void anEntryThatIsNotATrustedCertificateIsRefused() {
    byte[] store = Fixtures.bytes(OPENJDK);
    store[15] = 1; // the first entry's tag, after magic, version and count
    assertEquals("a JKS entry of tag 1, not a trusted certificate", refusal(store));
  }

  /** The JDK keeps one entry of two aliases that differ only in case; this reading keeps none. */
  @Test
  void anAliasGivenTwiceIsRefused() throws Exception {
    byte[] store = jksOf(List.of("first-ca", "other-ca"), SERVER.caCertificate());
    replace(store, "other-ca", "FIRST-CA");
    assertEquals("a JKS alias given twice", refusal(store));
  }

  @Test
  void aCertificateOfAnotherTypeIsRefused() throws Exception {
    byte[] store = jksOf(List.of("test-ca"), SERVER.caCertificate());
    replace(store, "X.509", "X.400");
    assertEquals("a JKS certificate of type X.400", refusal(store));
  }

  @Test
  void aCertificateThatIsNotDerIsRefused() throws Exception {
    byte[] store = jksOf(List.of("test-ca"), SERVER.caCertificate());
    byte[] encoded = SERVER.caCertificate().getEncoded();
    int at = indexOf(store, encoded);
    store[at] = 0x04; // an OCTET STRING, not the certificate's SEQUENCE
    assertThrows(IllegalArgumentException.class, () -> JdkTrustAnchors.readJks(store));
  }

  /** Why the store is refused. */
  private static String refusal(byte[] store) {
    return assertThrows(IOException.class, () -> JdkTrustAnchors.readJks(store)).getMessage();
  }

  /** The store as the JDK's own trust store reading makes it: every trusted certificate. */
  private static List<X509Certificate> jdkRead(byte[] store) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("JKS");
    keyStore.load(new ByteArrayInputStream(store), null);
    List<X509Certificate> certificates = new ArrayList<>();
    for (String alias : Collections.list(keyStore.aliases())) {
      certificates.add((X509Certificate) keyStore.getCertificate(alias));
    }
    return certificates;
  }

  /** The real OpenJDK store with this CA added, written by the JDK's JKS writer. */
  private static byte[] realStorePlus(X509Certificate ca) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("JKS");
    keyStore.load(new ByteArrayInputStream(Fixtures.bytes(OPENJDK)), null);
    keyStore.setCertificateEntry("provenance-action-test-ca", ca);
    return written(keyStore);
  }

  /** A store of one certificate under each alias, written by the JDK's JKS writer. */
  private static byte[] jksOf(List<String> aliases, Certificate certificate) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("JKS");
    keyStore.load(null, null);
    for (String alias : aliases) {
      keyStore.setCertificateEntry(alias, certificate);
    }
    return written(keyStore);
  }

  private static byte[] written(KeyStore keyStore) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    keyStore.store(out, "changeit".toCharArray());
    return out.toByteArray();
  }

  /** Overwrites the one occurrence of a text of the same length. */
  private static void replace(byte[] store, String text, String replacement) {
    byte[] from = text.getBytes(StandardCharsets.UTF_8);
    byte[] to = replacement.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(to, 0, store, indexOf(store, from), to.length);
  }

  private static int indexOf(byte[] data, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= data.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (data[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}

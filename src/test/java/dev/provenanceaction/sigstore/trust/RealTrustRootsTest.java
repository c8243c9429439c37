package dev.provenanceaction.sigstore.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import dev.provenanceaction.testing.Sha256;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The trust roots sigstore/root-signing(-staging) and sigstore-python publish, as they are. */
class RealTrustRootsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> roots() {
    return Stream.of(
        Arguments.of(RealFiles.PRODUCTION_ROOT, 1, 2, 2, 0),
        Arguments.of(RealFiles.PRODUCTION_ROOT_WITHOUT_MEDIA_TYPE, 1, 2, 2, 0),
        Arguments.of(RealFiles.STAGING_ROOT, 1, 1, 3, 1),
        Arguments.of(RealFiles.STAGING_ROOT_WITH_REKOR_V2, 3, 1, 3, 1),
        Arguments.of(RealFiles.PRODUCTION_ROOT_WITH_TSA, 1, 2, 2, 1),
        Arguments.of(RealFiles.RSA_PSS_ROOT, 1, 1, 1, 0),
        Arguments.of(RealFiles.SCAFFOLDING_ROOT, 1, 1, 1, 0));
  }

  /** Every log of the file is read, with its key in the form the file names, and nothing lost. */
  @ParameterizedTest
  @MethodSource("roots")
  void readsEveryLogAndAuthority(
      String file, int tlogs, int authorities, int ctLogs, int timestampAuthorities)
      throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(file));

    assertEquals(tlogs, root.transparencyLogs().size());
    assertEquals(authorities, root.certificateAuthorities().size());
    assertEquals(ctLogs, root.ctLogs().size());
    assertEquals(timestampAuthorities, root.timestampAuthorities().size());
    assertTrue(root.unusableLogs().isEmpty());
    JsonNode json = JSON.readTree(Fixtures.bytes(file));
    assertSameKeys(json.get("tlogs"), root.transparencyLogs());
    assertSameKeys(json.get("ctlogs"), root.ctLogs());
    assertSameKeys(JSON.readTree(root.toJson()).get("ctlogs"), root.ctLogs());
    for (TrustedRoot.CertificateAuthorityEntry authority : root.certificateAuthorities()) {
      List<X509Certificate> chain = authority.certChain();
      X509Certificate last = chain.get(chain.size() - 1);
      assertEquals(last.getSubjectX500Principal(), last.getIssuerX500Principal(), file);
      for (int i = 0; i + 1 < chain.size(); i++) {
        assertEquals(
            chain.get(i + 1).getSubjectX500Principal(), chain.get(i).getIssuerX500Principal());
      }
    }
  }

  @Test
  void stagingCtLogKeyIsAPkcs1RsaPublicKey() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(RealFiles.STAGING_ROOT));

    Log test =
        root.ctLogs().stream()
            .filter(log -> log.baseUrl().equals(URI.create("https://ctfe.sigstage.dev/test")))
            .findFirst()
            .orElseThrow();
    assertEquals("PKCS1_RSA_PKCS1V5", test.keyDetails());
    assertEquals(4096, ((RSAPublicKey) test.publicKey()).getModulus().bitLength());
    // RFC 6962's log id is SHA-256 of the SPKI, which the trusted root does not hold for this key.
    assertArrayEquals(test.logId(), Sha256.of(test.publicKey().getEncoded()));
    assertEquals(Instant.parse("2022-07-31T00:00:00Z"), test.validFor().end());
  }

  @Test
  void stagingRekorV2LogsHaveEd25519Keys() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(RealFiles.STAGING_ROOT_WITH_REKOR_V2));

    List<Log> ed25519 =
        root.transparencyLogs().stream()
            .filter(log -> log.keyDetails().equals("PKIX_ED25519"))
            .toList();
    assertEquals(2, ed25519.size());
    for (Log log : ed25519) {
      assertEquals("EdDSA", log.publicKey().getAlgorithm());
      // A Rekor v2 log id is its signed-note key id: SHA-256(name || 0x0A || 0x01 || key).
      byte[] spki = log.publicKey().getEncoded();
      assertArrayEquals(
          log.logId(),
          Sha256.of(
              (log.baseUrl().getHost() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
              new byte[] {1},
              Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
    }
  }

  @Test
  void sigstorePythonsPublicGoodCopyAddsTheTimestampAuthorityToTheSameLogs() throws Exception {
    TrustedRoot withTsa = TrustedRoot.parse(Fixtures.bytes(RealFiles.PRODUCTION_ROOT_WITH_TSA));
    TrustedRoot rootSigning = TrustedRoot.parse(Fixtures.bytes(RealFiles.PRODUCTION_ROOT));

    TrustedRoot.CertificateAuthorityEntry tsa = withTsa.timestampAuthorities().get(0);
    assertEquals(URI.create("https://timestamp.sigstore.dev/api/v1/timestamp"), tsa.uri());
    assertEquals("sigstore-tsa-selfsigned", tsa.subjectCommonName());
    assertEquals(
        new TrustedRoot.ValidFor(Instant.parse("2025-07-04T00:00:00Z"), null), tsa.validFor());
    // Written leaf first here, root first in root-signing's file: both read leaf first.
    assertEquals(
        "CN=sigstore-tsa,O=sigstore.dev",
        tsa.certChain().get(0).getSubjectX500Principal().getName());
    assertEquals(
        384,
        ((java.security.interfaces.ECPublicKey) tsa.certChain().get(0).getPublicKey())
            .getParams()
            .getCurve()
            .getField()
            .getFieldSize());
    for (int i = 0; i < 2; i++) {
      assertEquals(
          rootSigning.certificateAuthorities().get(i).certChain(),
          withTsa.certificateAuthorities().get(i).certChain());
      assertArrayEquals(rootSigning.ctLogs().get(i).logId(), withTsa.ctLogs().get(i).logId());
    }
    assertArrayEquals(
        rootSigning.transparencyLogs().get(0).logId(), withTsa.transparencyLogs().get(0).logId());
  }

  @Test
  void aRootWithoutMediaTypeOrKeyValidityIsReadAsValidSinceAlways() throws Exception {
    TrustedRoot root =
        TrustedRoot.parse(Fixtures.bytes(RealFiles.PRODUCTION_ROOT_WITHOUT_MEDIA_TYPE));

    for (Log log : root.ctLogs()) {
      assertEquals(new TrustedRoot.ValidFor(Instant.EPOCH, null), log.validFor());
    }
    assertEquals(URI.create("https://tlog.sigstore.dev"), root.transparencyLogs().get(0).baseUrl());
  }

  private static void assertSameKeys(JsonNode logs, List<Log> parsed) {
    assertEquals(logs.size(), parsed.size());
    for (int i = 0; i < logs.size(); i++) {
      JsonNode publicKey = logs.get(i).get("publicKey");
      Log log = parsed.get(i);
      assertEquals(publicKey.get("keyDetails").asText(), log.keyDetails());
      byte[] rawBytes = Base64.getDecoder().decode(publicKey.get("rawBytes").asText());
      assertArrayEquals(
          rawBytes, KeyDetails.named(log.keyDetails()).orElseThrow().encode(log.publicKey()));
      assertArrayEquals(
          Base64.getDecoder().decode(logs.get(i).get("logId").get("keyId").asText()), log.logId());
    }
  }
}

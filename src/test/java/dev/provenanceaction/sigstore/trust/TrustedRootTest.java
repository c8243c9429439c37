package dev.provenanceaction.sigstore.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.trust.TrustedRoot.CertificateAuthorityEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedRootTest {
  private static final byte[] REKOR_LOG_ID =
      Base64.getDecoder().decode("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=");

  private static TrustedRoot publicGood() throws IOException {
    return TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));
  }

  @Test
  void parsesThePublicGoodRoot() throws Exception {
    TrustedRoot root = publicGood();

    assertEquals(1, root.transparencyLogs().size());
    assertEquals(2, root.certificateAuthorities().size());
    assertEquals(2, root.ctLogs().size());

    Log rekor = root.transparencyLog(REKOR_LOG_ID).orElseThrow();
    assertEquals(URI.create("https://rekor.sigstore.dev"), rekor.baseUrl());
    assertEquals("PKIX_ECDSA_P256_SHA_256", rekor.keyDetails());
    assertArrayEquals(REKOR_LOG_ID, Sha256.of(rekor.publicKey().getEncoded()));
    assertEquals(Instant.parse("2021-01-12T11:53:27Z"), rekor.validFor().start());
    assertNull(rekor.validFor().end());

    CertificateAuthorityEntry current = root.certificateAuthorities().get(1);
    assertEquals("sigstore.dev", current.subjectOrganization());
    assertEquals("sigstore", current.subjectCommonName());
    assertEquals(2, current.certChain().size());
    assertEquals(
        "CN=sigstore-intermediate,O=sigstore.dev",
        current.certChain().get(0).getSubjectX500Principal().getName());
    assertEquals(
        Instant.parse("2022-12-31T23:59:59.999Z"),
        root.certificateAuthorities().get(0).validFor().end());
    assertTrue(root.ctLog(root.ctLogs().get(1).logId()).isPresent());
    assertTrue(root.transparencyLog(new byte[32]).isEmpty());
  }

  @Test
  void roundTripKeepsKeysCertificatesAndValidity() throws Exception {
    TrustedRoot original = publicGood();

    TrustedRoot copy = TrustedRoot.parse(original.toJson());

    assertEquals(describe(original), describe(copy));
  }

  @Test
  void writesTheFieldsInSigstoreOrder() throws Exception {
    String json = new String(publicGood().toJson(), StandardCharsets.UTF_8);

    assertTrue(
        json.startsWith(
            "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
                + "\"tlogs\":[{\"baseUrl\":\"https://rekor.sigstore.dev\","
                + "\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\"MFkwEwYH"),
        json);
    assertTrue(json.indexOf("\"certificateAuthorities\"") < json.indexOf("\"ctlogs\""), json);
  }

  @Test
  void namesAMissingField() {
    String json = fixtureText().replaceFirst("\"keyDetails\": \"PKIX_ECDSA_P256_SHA_256\",", "");

    IOException error = assertThrows(IOException.class, () -> parse(json));

    assertEquals("trusted root: tlogs[0].publicKey.keyDetails is missing", error.getMessage());
  }

  @Test
  void namesAnInvalidCertificate() {
    String json = fixtureText().replaceFirst("\"rawBytes\": \"MIIB\\+DCC", "\"rawBytes\": \"AAAA");

    IOException error = assertThrows(IOException.class, () -> parse(json));

    assertTrue(
        error
            .getMessage()
            .startsWith(
                "trusted root: certificateAuthorities[0].certChain.certificates[0].rawBytes"
                    + " is not an X.509 certificate"),
        error.getMessage());
  }

  @Test
  void namesAnInvalidTime() {
    String json = fixtureText().replaceFirst("2021-01-12T11:53:27.000Z", "yesterday");

    IOException error = assertThrows(IOException.class, () -> parse(json));

    assertEquals(
        "trusted root: tlogs[0].publicKey.validFor.start is not an RFC 3339 time: \"yesterday\"",
        error.getMessage());
  }

  @Test
  void refusesAnotherMediaType() {
    String json = fixtureText().replaceFirst("version=0.1", "version=0.2");

    IOException error = assertThrows(IOException.class, () -> parse(json));

    assertTrue(error.getMessage().startsWith("trusted root: mediaType is"), error.getMessage());
  }

  @Test
  void setsAsideALogWithAnUnknownKeyTypeAndKeepsTheRest() throws Exception {
    TrustedRoot original = publicGood();
    Log ctLog = original.ctLogs().get(1);
    String json =
        fixtureText()
            .replace(
                "\"rawBytes\": \""
                    + Base64.getEncoder().encodeToString(ctLog.publicKey().getEncoded())
                    + "\",\n        \"keyDetails\": \"PKIX_ECDSA_P256_SHA_256\"",
                "\"rawBytes\": \"AAAA\",\n        \"keyDetails\": \"ML_DSA_65\"");

    TrustedRoot root = parse(json);

    assertEquals(original.ctLogs().size() - 1, root.ctLogs().size());
    assertTrue(root.ctLog(ctLog.logId()).isEmpty());
    assertEquals(original.transparencyLogs().size(), root.transparencyLogs().size());
    TrustedRoot.UnusableLog unusable = root.unusableLog(ctLog.logId()).orElseThrow();
    assertEquals(ctLog.baseUrl(), unusable.baseUrl());
    assertEquals(
        "the trusted root's log "
            + ctLog.baseUrl()
            + " has this id, but its key type ML_DSA_65 is not supported",
        unusable.describe());
    assertTrue(root.unusableLog(original.transparencyLogs().get(0).logId()).isEmpty());
  }

  @Test
  void setsAsideALogWithAnUnknownTreeHash() throws Exception {
    String json = fixtureText().replaceFirst("\"SHA2_256\"", "\"SHA3_256\"");

    TrustedRoot root = parse(json);

    assertTrue(root.transparencyLogs().isEmpty());
    assertTrue(
        root.unusableLog(REKOR_LOG_ID)
            .orElseThrow()
            .describe()
            .endsWith("SHA3_256 is not supported"));
  }

  @Test
  void aKeyOfAKnownTypeThatDoesNotParseIsAnError() {
    String json =
        fixtureText().replaceFirst("\"rawBytes\": \"MFkwEwYH", "\"rawBytes\": \"MFkwEwYI");

    IOException error = assertThrows(IOException.class, () -> parse(json));

    assertTrue(
        error
            .getMessage()
            .startsWith(
                "trusted root: tlogs[0].publicKey.rawBytes is not a PKIX_ECDSA_P256_SHA_256 public"
                    + " key"),
        error.getMessage());
  }

  @Test
  void aKeyWithoutValidityIsValidSinceAlways() throws Exception {
    String json =
        fixtureText()
            .replaceFirst(
                ",\\s*\"validFor\": \\{\\s*\"start\": \"2021-01-12T11:53:27.000Z\"\\s*\\}", "");

    Log rekor = parse(json).transparencyLog(REKOR_LOG_ID).orElseThrow();

    assertEquals(Instant.EPOCH, rekor.validFor().start());
    assertTrue(rekor.validFor().contains(Instant.parse("2020-01-01T00:00:00Z")));
  }

  @Test
  void validityIncludesBothEnds() {
    Instant start = Instant.parse("2022-01-01T00:00:00Z");
    Instant end = Instant.parse("2022-12-31T23:59:59.999Z");
    TrustedRoot.ValidFor window = new TrustedRoot.ValidFor(start, end);

    assertTrue(window.contains(start));
    assertTrue(window.contains(end));
    assertFalse(window.contains(start.minusNanos(1)));
    assertFalse(window.contains(end.plusNanos(1)));
    assertTrue(new TrustedRoot.ValidFor(start, null).contains(Instant.MAX));
  }

  @Test
  void refusesTextThatIsNotJson() {
    IOException error = assertThrows(IOException.class, () -> parse("{\"tlogs\": ["));

    assertTrue(error.getMessage().startsWith("trusted root is not valid JSON"), error.getMessage());
  }

  private static String fixtureText() {
    return Fixtures.text(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);
  }

  private static TrustedRoot parse(String json) throws IOException {
    return TrustedRoot.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Everything a verifier relies on, as comparable text (keys and certificates lack equals). */
  private static List<String> describe(TrustedRoot root) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Log log : root.transparencyLogs()) {
      lines.add("tlog " + describe(log));
    }
    for (Log log : root.ctLogs()) {
      lines.add("ctlog " + describe(log));
    }
    for (CertificateAuthorityEntry authority : root.certificateAuthorities()) {
      StringBuilder line = new StringBuilder("ca ");
      line.append(authority.uri())
          .append(' ')
          .append(authority.subjectOrganization())
          .append(' ')
          .append(authority.subjectCommonName())
          .append(' ')
          .append(authority.validFor());
      for (var certificate : authority.certChain()) {
        line.append(' ').append(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String describe(Log log) {
    return log.baseUrl()
        + " "
        + log.keyDetails()
        + " "
        + Base64.getEncoder().encodeToString(log.publicKey().getEncoded())
        + " "
        + Base64.getEncoder().encodeToString(log.logId())
        + " "
        + log.validFor();
  }
}

package dev.provenanceaction.sigstore.tsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real answers of Sigstore's timestamp authorities (timestamp.sigstage.dev,
 * timestamp.sigstore.dev), as the real bundles under {@code src/test/resources/real} hold them,
 * read by this package and by BouncyCastle, which this package replaces on the signing path: they
 * must read the same, and no mutation may pass here that BouncyCastle refuses.
 */
class TimestampResponseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYMANTEC = "real/tsa/symantec-with-certs.tsr";
  private static final String DIGICERT = "real/tsa/digicert-with-certs.tsr";

  /** A real answer and the timestamp authority's certificate that signed it. */
  record RealAnswer(String name, byte[] der, X509Certificate signer, boolean bouncyCastleVerifies) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> realAnswers() throws Exception {
    List<Arguments> answers = new ArrayList<>();
    String[][] sources = {
      {RealFiles.STAGING_REKOR_V2_BUNDLE, RealFiles.STAGING_ROOT_WITH_REKOR_V2},
      {
        "real/rekor-v2/a.dsse.staging-rekor-v2.txt.sigstore.json",
        RealFiles.STAGING_ROOT_WITH_REKOR_V2
      },
      {RealFiles.CONFORMANCE_REKOR_V2_DSSE, RealFiles.STAGING_ROOT_WITH_REKOR_V2},
      {RealFiles.CONFORMANCE_DSSE_AS_HASHEDREKORD, RealFiles.PRODUCTION_ROOT_WITH_TSA},
    };
    for (String[] source : sources) {
      TrustedRoot root = TrustedRoot.parse(new ByteArrayInputStream(Fixtures.bytes(source[1])));
      JsonNode stamps =
          JSON.readTree(Fixtures.bytes(source[0]))
              .at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
      for (JsonNode stamp : stamps) {
        byte[] der = Base64.getDecoder().decode(stamp.get("signedTimestamp").asText());
        X509Certificate signer = bouncyCastleSigner(der, root);
        answers.add(
            Arguments.of(
                new RealAnswer(source[0].replaceAll(".*/(.*)/.*|.*/", "$1"), der, signer, true)));
      }
    }
    assertEquals(4, answers.size(), "one timestamp in each bundle");
    // RSA-signed answers of two commercial authorities, their signer among their certificates.
    // DigiCert's signed attributes are not in DER's order for a SET: BouncyCastle, which encodes
    // them again before it checks the signature, refuses it; OpenSSL, sigstore-go and this package
    // check the octets the authority signed.
    for (String file : List.of(SYMANTEC, DIGICERT)) {
      byte[] der = Fixtures.bytes(file);
      answers.add(
          Arguments.of(
              new RealAnswer(
                  file.replaceAll(".*/", ""), der, embeddedSigner(der), file.equals(SYMANTEC))));
    }
    return answers.stream();
  }

  /** The one of its own certificates that signed it (the others are its chain). */
  private static X509Certificate embeddedSigner(byte[] der) throws Exception {
    TimeStampToken token = new TimeStampResponse(der).getTimeStampToken();
    for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      if (accepts(der, certificate)) {
        return certificate;
      }
    }
    throw new AssertionError("none of its certificates signed it");
  }

  /** The root's last-listed timestamp authority's signing certificate. */
  private static X509Certificate timestampLeaf(String root) {
    try {
      List<TrustedRoot.CertificateAuthorityEntry> authorities =
          TrustedRoot.parse(new ByteArrayInputStream(Fixtures.bytes(root))).timestampAuthorities();
      return authorities.get(authorities.size() - 1).certChain().get(0);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The authority's leaf that BouncyCastle says signed it. */
  private static X509Certificate bouncyCastleSigner(byte[] der, TrustedRoot root) {
    for (TrustedRoot.CertificateAuthorityEntry authority : root.timestampAuthorities()) {
      X509Certificate leaf = authority.certChain().get(0);
      if (bouncyCastleAccepts(der, leaf)) {
        return leaf;
      }
    }
    throw new AssertionError("BouncyCastle finds no authority of the root that signed it");
  }

  private static boolean bouncyCastleAccepts(byte[] der, X509Certificate signer) {
    try {
      TimeStampToken token = new TimeStampResponse(der).getTimeStampToken();
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean accepts(byte[] der, X509Certificate signer) {
    try {
      Optional<TimestampToken> token = TimestampResponse.parse(der).token();
      if (token.isEmpty()) {
        return false;
      }
      token.get().checkSignedBy(signer);
      return true;
    } catch (TimestampException e) {
      return false;
    }
  }

  @ParameterizedTest
  @MethodSource("realAnswers")
  void readsWhatBouncyCastleReads(RealAnswer answer) throws Exception {
    TimestampResponse ours = TimestampResponse.parse(answer.der());
    TimeStampResponse theirs = new TimeStampResponse(answer.der());
    TimestampToken token = ours.token().orElseThrow();
    TimeStampToken expected = theirs.getTimeStampToken();

    assertEquals(theirs.getStatus(), ours.status());
    assertTrue(ours.granted());
    assertEquals(expected.getTimeStampInfo().getGenTime().toInstant(), token.genTime());
    assertArrayEquals(expected.getTimeStampInfo().getMessageImprintDigest(), token.imprint());
    assertEquals(
        expected.getTimeStampInfo().getMessageImprintAlgOID().getId(), token.imprintAlgorithm());
    assertEquals(Optional.ofNullable(expected.getTimeStampInfo().getNonce()), token.nonce());
  }

  @ParameterizedTest
  @MethodSource("realAnswers")
  void isSignedByItsAuthorityAndNoOther(RealAnswer answer) throws Exception {
    TimestampToken token = TimestampResponse.parse(answer.der()).token().orElseThrow();
    token.checkSignedBy(answer.signer());
    assertEquals(answer.bouncyCastleVerifies(), bouncyCastleAccepts(answer.der(), answer.signer()));

    // The other Sigstore instance's authority: a time-stamping certificate too, not this one.
    X509Certificate other =
        Stream.of(RealFiles.STAGING_ROOT_WITH_REKOR_V2, RealFiles.PRODUCTION_ROOT_WITH_TSA)
            .map(TimestampResponseTest::timestampLeaf)
            .filter(leaf -> !leaf.equals(answer.signer()))
            .findFirst()
            .orElseThrow();
    TimestampException error =
        assertThrows(TimestampException.class, () -> token.checkSignedBy(other));
    assertEquals("its ESSCertID names another certificate", error.getMessage());
  }

  /**
   * A bit of every octet flipped in turn, one octet at a time (a different bit from one octet to
   * the next), in an answer of each authority that BouncyCastle verifies: wherever this package
   * accepts the answer, so does BouncyCastle, and what it reads is the original's. Where only
   * BouncyCastle accepts, this package is the stricter (the unsigned parts it does not read cannot
   * be among them: it reads only what the signature covers, the status, and the structure around
   * them).
   */
  static Stream<Arguments> oneAnswerOfEachAuthority() throws Exception {
    // Staging's (ECDSA P-384, certificate embedded), public-good's (none embedded) and Symantec's
    // (RSA): each that BouncyCastle verifies.
    List<Arguments> answers = realAnswers().toList();
    return Stream.of(answers.get(0), answers.get(3), answers.get(4));
  }

  @ParameterizedTest
  @MethodSource("oneAnswerOfEachAuthority")
  void acceptsNoMutationThatBouncyCastleRefuses(RealAnswer answer) throws Exception {
    TimestampToken original = TimestampResponse.parse(answer.der()).token().orElseThrow();
    int accepted = 0;
    List<String> laxer = new ArrayList<>();
    for (int offset = 0; offset < answer.der().length; offset++) {
      for (int bit : new int[] {offset % 8}) {
        byte[] mutated = answer.der().clone();
        mutated[offset] ^= (byte) (1 << bit);
        if (!accepts(mutated, answer.signer())) {
          continue;
        }
        accepted++;
        if (!bouncyCastleAccepts(mutated, answer.signer())) {
          laxer.add("bit " + bit + " at " + offset);
          continue;
        }
        TimestampToken token = TimestampResponse.parse(mutated).token().orElseThrow();
        assertEquals(original.genTime(), token.genTime());
        assertArrayEquals(original.imprint(), token.imprint());
        assertEquals(original.nonce(), token.nonce());
      }
    }
    assertEquals(List.of(), laxer, "flips accepted here that BouncyCastle refuses");
    assertTrue(accepted < answer.der().length, "most flips are refused: " + accepted);
  }

  @Test
  void aRefusalIsReadWithItsStatusAndText() throws Exception {
    // TimeStampResp { PKIStatusInfo { rejection (2), { "bad alg" } } }, as an authority refuses.
    byte[] refusal = {
      0x30, 0x0f, 0x30, 0x0d, 0x02, 0x01, 0x02, 0x30, 0x08, 0x0c, 0x06, 'b', 'a', 'd', ' ', 'a', 'l'
    };
    TimestampResponse response = TimestampResponse.parse(refusal);

    assertEquals(2, response.status());
    assertFalse(response.granted());
    assertEquals(Optional.of("bad al"), response.statusText());
    assertTrue(response.token().isEmpty());
  }

  @Test
  void whatIsNotDerFailsWithAMessage() {
    TimestampException error =
        assertThrows(
            TimestampException.class, () -> TimestampResponse.parse(new byte[] {0x30, 0x05, 0x01}));
    assertTrue(error.getMessage().startsWith("not a DER TimeStampResp"), error.getMessage());
  }
}

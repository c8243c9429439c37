package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import dev.provenanceaction.testing.RealPypiFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A repeated key could make this verifier and another read different documents: every document on
 * the verify path refuses one, each real file given a second value for one of its keys.
 */
class DuplicateKeysTest {
  /** What verify-bundle reads: bundles of any statement, and a blob's. */
  private static final VerificationPolicy VERIFY_BUNDLE =
      VerificationPolicy.anyStatementOrBlob(
          List.of(), IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER));

  @Test
  void aBundleWithARepeatedKeyIsRefused() {
    String bundle = repeatFirst(Fixtures.text(Fixtures.ATTEST_BUNDLE), "\"mediaType\":");

    PolicyException e =
        assertThrows(
            PolicyException.class, () -> ProvenanceFile.parse(bundle, VERIFY_BUNDLE, false));
    assertEquals(PolicyCheck.PROVENANCE_FORMAT, e.check());
    assertEquals("unreadable JSON: Duplicate field 'mediaType'", e.found());
  }

  @Test
  void aTrustedRootWithARepeatedKeyIsRefused() {
    byte[] root =
        repeatFirst(Fixtures.text(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT), "\"mediaType\":")
            .getBytes(StandardCharsets.UTF_8);

    IOException e = assertThrows(IOException.class, () -> TrustedRoot.parse(root));
    assertTrue(e.getMessage().contains("Duplicate field 'mediaType'"), e.getMessage());
  }

  @Test
  void aStatementWithARepeatedKeyIsRefused() throws Exception {
    byte[] statement =
        SigstoreBundle.parse(Fixtures.text(Fixtures.ATTEST_BUNDLE)).envelope().payload();
    byte[] repeated =
        repeatFirst(new String(statement, StandardCharsets.UTF_8), "\"_type\":")
            .getBytes(StandardCharsets.UTF_8);

    PolicyException e =
        assertThrows(PolicyException.class, () -> ProvenanceChecks.readStatement(repeated));
    assertEquals(PolicyCheck.STATEMENT_TYPE, e.check());
    assertTrue(e.found().startsWith("unreadable JSON (Duplicate field '_type'"), e.found());
  }

  @Test
  void aPep740AttestationWithARepeatedKeyIsRefused() {
    String attestation = repeatFirst(Fixtures.text(RealPypiFiles.PUBLISH), "\"signature\":");

    PolicyException e =
        assertThrows(
            PolicyException.class, () -> ProvenanceFile.parse(attestation, VERIFY_BUNDLE, false));
    assertEquals(PolicyCheck.PROVENANCE_FORMAT, e.check());
    assertEquals("unreadable JSON: Duplicate field 'signature'", e.found());
  }

  @Test
  void aBlobBundleWithARepeatedKeyIsRefused() {
    String bundle = repeatFirst(Fixtures.text(RealFiles.STAGING_REKOR_V2_BUNDLE), "\"signature\":");

    PolicyException e =
        assertThrows(
            PolicyException.class, () -> ProvenanceFile.parse(bundle, VERIFY_BUNDLE, false));
    assertEquals(PolicyCheck.PROVENANCE_FORMAT, e.check());
    assertEquals("unreadable JSON: Duplicate field 'signature'", e.found());
  }

  /** The text with the first member named by {@code key} given an earlier value "repeated". */
  private static String repeatFirst(String json, String key) {
    assertTrue(json.contains(key), key);
    return json.replaceFirst(java.util.regex.Pattern.quote(key), key + "\"repeated\"," + key);
  }
}

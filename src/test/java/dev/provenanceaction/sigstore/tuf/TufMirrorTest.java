package dev.provenanceaction.sigstore.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealRootHistory;
import dev.provenanceaction.testing.TestTls;
import dev.sigstore.json.GsonSupplier;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.sigstore.tuf.model.Role;
import dev.sigstore.tuf.model.Root;
import dev.sigstore.tuf.model.Signature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public-good's first root followed back to the one sigstore-java 2.0.0 ships, through the real
 * root history (src/test/resources/real, tuf/public-good-history/): each root is signed by a
 * threshold of the root keys of the one before it, as TUF asks of a new root (5.3.4), and of its
 * own (5.3.5).
 */
class TufMirrorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Integer> HISTORY = List.of(12, 13, 14, 15);
  private static final String FIFTEEN = Fixtures.text("real/tuf/public-good-history/15.root.json");

  @Test
  void publicGoodsFirstRootIsSignedByTheKeyholdersOfSigstoreJavasRoot() throws Exception {
    List<Root> chain = new ArrayList<>();
    chain.add(parse(RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE).get()));
    for (int version : HISTORY) {
      chain.add(parse(Fixtures.text("real/tuf/public-good-history/" + version + ".root.json")));
    }
    Root shipped = parse(TufMirror.PUBLIC_GOOD.initialRoot().get());
    chain.add(shipped);
    assertEquals(10, chain.get(0).getSignedMeta().getVersion());
    assertEquals(16, shipped.getSignedMeta().getVersion());
    // Version 11 is missing: the only copies found (sigstore/root-signing's root_history) carry no
    // signature. It lists the same five root keys as 10 and 12, so 12 signed by a threshold of
    // 10's keys is what TUF asks of 12 after 11.
    for (int i = 1; i < chain.size(); i++) {
      Root before = chain.get(i - 1);
      Root root = chain.get(i);
      int version = root.getSignedMeta().getVersion();
      assertTrue(version > before.getSignedMeta().getVersion());
      assertSignedByThreshold(before, root, "root " + version + " by the keys of the one before");
      assertSignedByThreshold(root, root, "root " + version + " by its own keys");
    }
  }

  /**
   * sigstore-java's updater, as a run uses it, accepts the real history from 12 on and trusts the
   * shipped root at its end: the same signed bytes, so a run that starts from it starts where a run
   * from an older root would arrive.
   */
  @Test
  void theUpdaterWalksTheRealHistoryToTheShippedRoot(@TempDir Path cache) throws Exception {
    TestTls tls = TestTls.create();
    try (RealRootHistory history = RealRootHistory.start(tls)) {
      SigstoreException e =
          assertThrows(
              SigstoreException.class,
              () ->
                  TufTargets.fetch(
                      history.mirror(RealRootHistory.VERSION_12),
                      new TufCache(cache, RealRootHistory.WHILE_16_IS_VALID),
                      List.of("trusted_root.json"),
                      tls.client(retry -> {})));
      assertTrue(e.getMessage().contains("timestamp.json"), e.getMessage());
      assertEquals(
          List.of("13.root.json", "14.root.json", "15.root.json", "16.root.json", "17.root.json"),
          history.requests().stream().filter(file -> file.endsWith(".root.json")).toList());
    }
    Root trusted = parse(Files.readString(cache.resolve("public-good/root.json")));
    Root shipped = parse(TufMirror.PUBLIC_GOOD.initialRoot().get());
    assertEquals(16, trusted.getSignedMeta().getVersion());
    assertArrayEquals(shipped.getCanonicalSignedBytes(), trusted.getCanonicalSignedBytes());
  }

  @Test
  void aRootChangedAfterItWasSignedHasNoSigner() throws Exception {
    String shipped = TufMirror.PUBLIC_GOOD.initialRoot().get();
    Root changed = parse(shipped.replace("2027-04-22T19:27:31Z", "2028-04-22T19:27:31Z"));
    assertEquals(0, signers(changed, changed));
    assertEquals(0, signers(fifteen(), changed));
  }

  @Test
  void anotherRootsSignaturesDoNotSignIt() throws Exception {
    ObjectNode shipped = (ObjectNode) JSON.readTree(TufMirror.PUBLIC_GOOD.initialRoot().get());
    shipped.set("signatures", JSON.readTree(FIFTEEN).get("signatures"));
    Root forged = parse(JSON.writeValueAsString(shipped));
    assertEquals(0, signers(forged, forged));
    assertEquals(0, signers(fifteen(), forged));
  }

  private static void assertSignedByThreshold(Root keys, Root root, String what) throws Exception {
    int threshold = keys.getSignedMeta().getRoles().get("root").getThreshold();
    int signers = signers(keys, root);
    assertTrue(signers >= threshold, what + ": " + signers + " of " + threshold);
  }

  /** The root keys of {@code keys} whose signature on {@code root} verifies, each counted once. */
  private static int signers(Root keys, Root root) throws Exception {
    Role role = keys.getSignedMeta().getRoles().get("root");
    byte[] signed = root.getCanonicalSignedBytes();
    Set<String> verified = new HashSet<>();
    for (Signature signature : root.getSignatures()) {
      String keyId = signature.getKeyId();
      byte[] value = HexFormat.of().parseHex(signature.getSignature());
      if (role.getKeyids().contains(keyId)
          && value.length > 0
          && JdkTufVerifiers.newVerifier(keys.getSignedMeta().getKeys().get(keyId))
              .verify(signed, value)) {
        verified.add(keyId);
      }
    }
    return verified.size();
  }

  private static Root fifteen() throws Exception {
    return parse(FIFTEEN);
  }

  private static Root parse(String json) throws Exception {
    return GsonSupplier.GSON.get().fromJson(json, Root.class);
  }
}

package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstanceChoiceTest {
  @Test
  void onlyPublicGoodAndStagingAreBehindTuf() {
    assertTrue(InstanceChoice.publicGood(TufMirror.PUBLIC_GOOD).isBehindTuf());
    assertTrue(InstanceChoice.staging(TufMirror.STAGING).isBehindTuf());
    assertFalse(InstanceChoice.ephemeral().isBehindTuf());
    assertFalse(InstanceChoice.custom(Path.of("instance")).isBehindTuf());
  }
}

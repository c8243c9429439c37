package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of Rekor v1's index search, {@code POST /api/v1/index/retrieve}. */
class RekorIndexJsonTest {
  private static final String HEX = "ab".repeat(32);

  @Test
  void queryNamesTheDigestWithItsAlgorithm() {
    assertEquals("{\"hash\":\"sha256:" + HEX + "\"}", RekorEntryJson.indexQuery(HEX));
  }

  @Test
  void uuidsAreReadWithOrWithoutTreeId() {
    List<String> uuids = List.of(HEX, "24296fb24b8ad77a" + HEX);

    assertEquals(
        uuids, RekorEntryJson.parseUuids("[\"" + HEX + "\", \"24296fb24b8ad77a" + HEX + "\"]"));
    assertEquals(List.of(), RekorEntryJson.parseUuids("[]"));
    assertEquals(List.of(), RekorEntryJson.parseUuids("null"));
  }

  @Test
  void answerOtherThanAListOfUuidsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RekorEntryJson.parseUuids("{}"));
    assertThrows(IllegalArgumentException.class, () -> RekorEntryJson.parseUuids("[\"../x\"]"));
  }
}

package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {
  @TempDir Path directory;

  @Test
  void digestsMatchMessageDigestAcrossBufferBoundariesAndWhenReadingAhead() throws Exception {
    Random random = new Random(42);
    Map<Path, Long> sizeByFile = new LinkedHashMap<>();
    int[] sizes = {
      0,
      1,
      FileHasher.BUFFER_BYTES - 1,
      FileHasher.BUFFER_BYTES,
      2 * FileHasher.BUFFER_BYTES + 1,
      (int) FileHasher.READ_AHEAD_MIN_BYTES,
      (int) FileHasher.READ_AHEAD_MIN_BYTES + FileHasher.READ_AHEAD_BUFFER_BYTES / 2 + 3
    };
    Map<Path, byte[]> contents = new LinkedHashMap<>();
    for (int size : sizes) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      Path file = Files.write(directory.resolve("f" + size), content);
      contents.put(file, content);
      sizeByFile.put(file, (long) size);
    }

    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      Map<Path, String> digests = FileHasher.digestAll(sizeByFile, algorithm);
      for (Map.Entry<Path, byte[]> entry : contents.entrySet()) {
        String expected =
            HexFormat.of()
                .formatHex(MessageDigest.getInstance(algorithm.jcaName()).digest(entry.getValue()));
        assertEquals(expected, digests.get(entry.getKey()), entry.getKey() + " " + algorithm);
      }
    }
  }

  @Test
  void namesTheFileItCannotRead() throws Exception {
    Path readable = Files.writeString(directory.resolve("ok"), "ok");
    Path missing = directory.resolve("vanished");

    SubjectException e =
        assertThrows(
            SubjectException.class,
            () -> FileHasher.digestAll(Map.of(readable, 2L, missing, 1L), DigestAlgorithm.SHA256));
    assertTrue(e.getMessage().startsWith("could not read '" + missing + "': "), e.getMessage());
  }
}

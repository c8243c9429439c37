package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileHasherTest {
  private static final int BUFFER = FileHasher.BUFFER_BYTES;
  private static final int READ_AHEAD = (int) FileHasher.READ_AHEAD_MIN_BYTES;

  /**
   * The SHA-256 of {@link #content} of each size, from Python's hashlib rather than the JDK: sizes
   * on either side of the buffer, the read-ahead threshold and the read-ahead buffer.
   */
  private static final Map<Integer, String> KNOWN_SHA256 =
      Map.ofEntries(
          Map.entry(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
          Map.entry(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
          Map.entry(BUFFER - 1, "286c946514ecb6836ede41736fa0288add62935295d69d3c19f70db51ac78b53"),
          Map.entry(BUFFER, "f03eddf1a3ac1886408be3cd65679963ae172b8aa54c7d02e4524cbf71308701"),
          Map.entry(BUFFER + 1, "10219b4efa04438c5251e01060f676dddb4257ef65b9e874917521d64f34fc48"),
          Map.entry(
              2 * BUFFER + 1, "999025b23efd629836260962d4364cbbdf664ff91ade0276697e69b634140a40"),
          Map.entry(
              READ_AHEAD - 1, "1a34db75ff4d89fde80127372ec65bed6f27b64020a0d0824c4e51a7413a7977"),
          Map.entry(READ_AHEAD, "2c8b608c1fd6d8901b79fea8e1ee94f927088a17e6ede90643e2c27a563bebfa"),
          Map.entry(
              READ_AHEAD + 1, "18f5800c972fed6094b6270507a3024424312496159deb3f253d7f01219d61d1"),
          Map.entry(
              READ_AHEAD + FileHasher.READ_AHEAD_BUFFER_BYTES + 1,
              "639db36bde0ff638537cbe05d0bf1c925a63ed405436c04a93a1e8573657cfcb"),
          Map.entry(
              READ_AHEAD + 3 * BUFFER + 5,
              "cdddddf8b41cf4d4834cf763d19bd279d6314287cc318923f5e2f07cd6d2eeba"));

  @TempDir Path directory;

  /**
   * On one core nothing is read ahead; with a core to spare per file, everything from the threshold
   * up is; either way each file gets its known digest.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 64})
  void knownDigestsAroundEveryBoundary(int cores) throws Exception {
    Map<Path, Long> sizeByFile = new LinkedHashMap<>();
    for (int size : KNOWN_SHA256.keySet()) {
      sizeByFile.put(write(size), (long) size);
    }

    Map<Path, String> digests = FileHasher.digestAll(sizeByFile, DigestAlgorithm.SHA256, cores);

    for (Map.Entry<Path, Long> file : sizeByFile.entrySet()) {
      assertEquals(
          KNOWN_SHA256.get(file.getValue().intValue()),
          digests.get(file.getKey()),
          file.getValue() + " bytes on " + cores + " cores");
    }
  }

  /** A core that frees up part way through a file: the rest is read ahead, after any buffer. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void startsReadingAheadPartWayThroughAFile(int buffersBefore) throws Exception {
    int size = READ_AHEAD + 3 * BUFFER + 5;
    AtomicInteger asked = new AtomicInteger();
    try (FileChannel channel = FileChannel.open(write(size))) {
      String digest =
          FileHasher.digest(
              channel,
              MessageDigest.getInstance("SHA-256"),
              ByteBuffer.allocate(BUFFER),
              () -> asked.getAndIncrement() >= buffersBefore);

      assertEquals(KNOWN_SHA256.get(size), digest);
    }
    // Asked before each buffer while enough is left, then no more: 4 buffers leave too little.
    assertEquals(Math.min(buffersBefore, 3) + 1, asked.get());
  }

  /** The other worker runs out of files while the big file is being hashed. */
  @Test
  void aBigFileAndASmallOneOnTwoCores() throws Exception {
    int big = READ_AHEAD + FileHasher.READ_AHEAD_BUFFER_BYTES + 1;
    Path bigFile = write(big);
    Path smallFile = write(1);

    Map<Path, String> digests =
        FileHasher.digestAll(Map.of(bigFile, (long) big, smallFile, 1L), DigestAlgorithm.SHA256, 2);

    assertEquals(KNOWN_SHA256.get(big), digests.get(bigFile));
    assertEquals(KNOWN_SHA256.get(1), digests.get(smallFile));
  }

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

  /**
   * Bytes that differ between blocks, so that a block hashed twice or skipped changes the digest.
   */
  private static byte[] content(int size) {
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = (byte) (i * 31 + (i >>> 13));
    }
    return content;
  }

  private Path write(int size) throws IOException {
    Path file = directory.resolve("f" + size);
    return Files.exists(file) ? file : Files.write(file, content(size));
  }
}

package dev.provenanceaction.subject;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Digests files, each read once through a fixed buffer, on as many threads as there are cores.
 *
 * <p>One file's digest cannot be split across threads (SHA-2 is a chain over the whole input), so
 * the files are handed out largest first: a big file started last would leave the other cores idle
 * while it finishes.
 */
final class FileHasher {
  /** Big enough that a read costs little beside hashing it, small enough to stay in L2 cache. */
  static final int BUFFER_BYTES = 256 * 1024;

  /**
   * Files this big are read on a second thread while this one hashes: about 15% faster for one big
   * file, no slower for many (scripts/bench-hash); below it, a thread costs more than it saves.
   */
  static final long READ_AHEAD_MIN_BYTES = 8 << 20;

  static final int READ_AHEAD_BUFFER_BYTES = 1 << 20;

  private FileHasher() {}

  /**
   * The lower-case hex digest of each file.
   *
   * @param sizeByFile the files to read, with their sizes in bytes (used only to order the work)
   * @throws SubjectException naming the first file that could not be read
   */
  static Map<Path, String> digestAll(Map<Path, Long> sizeByFile, DigestAlgorithm algorithm)
      throws SubjectException {
    List<Path> largestFirst = new ArrayList<>(sizeByFile.keySet());
    largestFirst.sort(Comparator.comparing(sizeByFile::get).reversed());
    String[] digests = new String[largestFirst.size()];
    AtomicInteger next = new AtomicInteger();
    Worker worker = new Worker(largestFirst, digests, next, algorithm);
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), largestFirst.size());
    if (threads <= 1) {
      worker.call();
    } else {
      runInParallel(worker, threads, next, largestFirst.size());
    }
    Map<Path, String> digestByFile = new HashMap<>();
    for (int i = 0; i < digests.length; i++) {
      digestByFile.put(largestFirst.get(i), digests[i]);
    }
    return digestByFile;
  }

  private static String digest(Path file, MessageDigest digest, ByteBuffer buffer)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      if (channel.size() >= READ_AHEAD_MIN_BYTES) {
        return digestReadingAhead(channel, digest);
      }
      // A heap buffer: MessageDigest hashes a byte[] in place, but copies a direct buffer out
      // 4 KiB at a time.
      while (channel.read(buffer.clear()) >= 0) {
        digest.update(buffer.array(), 0, buffer.position());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hashes one buffer while the reader fills the other. */
  private static String digestReadingAhead(FileChannel channel, MessageDigest digest)
      throws IOException {
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "read-ahead");
              thread.setDaemon(true);
              return thread;
            });
    try {
      ByteBuffer[] buffers = {
        ByteBuffer.allocate(READ_AHEAD_BUFFER_BYTES), ByteBuffer.allocate(READ_AHEAD_BUFFER_BYTES)
      };
      Future<Integer> filled = reader.submit(() -> fill(channel, buffers[0]));
      for (int current = 0; ; current = 1 - current) {
        int length = filled.get();
        if (length == 0) {
          break;
        }
        ByteBuffer next = buffers[1 - current];
        filled = reader.submit(() -> fill(channel, next));
        digest.update(buffers[current].array(), 0, length);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      reader.shutdownNow();
    }
  }

  private static int fill(FileChannel channel, ByteBuffer buffer) throws IOException {
    buffer.clear();
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        break;
      }
    }
    return buffer.position();
  }

  private static void runInParallel(Worker worker, int threads, AtomicInteger next, int count)
      throws SubjectException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "hash");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        running.add(pool.submit(worker));
      }
      SubjectException failure = null;
      for (Future<Void> future : running) {
        try {
          future.get();
        } catch (ExecutionException e) {
          // Stop the other workers after the file they are reading.
          next.set(count);
          if (failure == null) {
            failure =
                e.getCause() instanceof SubjectException subject
                    ? subject
                    : new SubjectException("hashing failed: " + e.getCause(), e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SubjectException("interrupted while hashing the subjects", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static MessageDigest newDigest(DigestAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.jcaName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm.jcaName(), e);
    }
  }

  /** Takes the next file until none is left, with its own buffer and digest. */
  private record Worker(
      List<Path> files, String[] digests, AtomicInteger next, DigestAlgorithm algorithm)
      implements Callable<Void> {
    @Override
    public Void call() throws SubjectException {
      MessageDigest digest = newDigest(algorithm);
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
        try {
          digests[i] = digest(files.get(i), digest, buffer);
        } catch (IOException e) {
          throw new SubjectException("could not read '" + files.get(i) + "': " + e, e);
        }
      }
      return null;
    }
  }
}

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
import java.util.function.BooleanSupplier;

/**
 * Digests files, each read once through a fixed buffer, on as many threads as there are cores.
 *
 * <p>One file's digest cannot be split across threads (SHA-2 is a chain over the whole input), so
 * the files are handed out largest first: a big file started last would leave the other cores idle
 * while it finishes. A core that is idle all the same (fewer files than cores, or none left to
 * start) reads ahead for a thread still hashing a big file.
 */
final class FileHasher {
  /** Big enough that a read costs little beside hashing it, small enough to stay in L2 cache. */
  static final int BUFFER_BYTES = 256 * 1024;

  /**
   * While a core is idle and at least this much of a file is left, a second thread reads it while
   * this one hashes, which takes the two copies of a read off the hashing thread (about 20% of its
   * time). Below it a thread costs more than it saves; with every core hashing, reading ahead only
   * adds work, the read being done all the same (scripts/bench-hash, BENCHMARKS.md).
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
    return digestAll(sizeByFile, algorithm, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #digestAll(Map, DigestAlgorithm)}, on {@code cores} cores. */
  static Map<Path, String> digestAll(
      Map<Path, Long> sizeByFile, DigestAlgorithm algorithm, int cores) throws SubjectException {
    List<Path> largestFirst = new ArrayList<>(sizeByFile.keySet());
    largestFirst.sort(Comparator.comparing(sizeByFile::get).reversed());
    String[] digests = new String[largestFirst.size()];
    int threads = Math.max(1, Math.min(cores, largestFirst.size()));
    Worker worker =
        new Worker(
            largestFirst,
            digests,
            new AtomicInteger(),
            new AtomicInteger(threads),
            cores,
            algorithm);
    if (threads == 1) {
      worker.call();
    } else {
      runInParallel(worker, threads);
    }
    Map<Path, String> digestByFile = new HashMap<>();
    for (int i = 0; i < digests.length; i++) {
      digestByFile.put(largestFirst.get(i), digests[i]);
    }
    return digestByFile;
  }

  /**
   * Hashes the channel from its position to its end. Before each buffer it asks {@code coreIdle}
   * whether a core is free, and if one is and enough is left, reads the rest ahead.
   */
  static String digest(
      FileChannel channel, MessageDigest digest, ByteBuffer buffer, BooleanSupplier coreIdle)
      throws IOException {
    long left = channel.size() - channel.position();
    while (left < READ_AHEAD_MIN_BYTES || !coreIdle.getAsBoolean()) {
      int length = channel.read(buffer.clear());
      if (length < 0) {
        return HexFormat.of().formatHex(digest.digest());
      }
      // A heap buffer: MessageDigest hashes a byte[] in place, but copies a direct buffer out
      // 4 KiB at a time.
      digest.update(buffer.array(), 0, length);
      left -= length;
    }
    return digestReadingAhead(channel, digest);
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

  private static void runInParallel(Worker worker, int threads) throws SubjectException {
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
          worker.next().set(worker.files().size());
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

  /**
   * Takes the next file until none is left, with its own buffer and digest.
   *
   * @param taking how many workers still take files: fewer than {@code cores} leaves a core idle
   */
  private record Worker(
      List<Path> files,
      String[] digests,
      AtomicInteger next,
      AtomicInteger taking,
      int cores,
      DigestAlgorithm algorithm)
      implements Callable<Void> {
    @Override
    public Void call() throws SubjectException {
      MessageDigest digest = newDigest(algorithm);
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      BooleanSupplier coreIdle = () -> taking.get() < cores;
      try {
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
          try (FileChannel channel = FileChannel.open(files.get(i))) {
            digests[i] = digest(channel, digest, buffer, coreIdle);
          } catch (IOException e) {
            throw new SubjectException("could not read '" + files.get(i) + "': " + e, e);
          }
        }
      } finally {
        taking.decrementAndGet();
      }
      return null;
    }
  }
}

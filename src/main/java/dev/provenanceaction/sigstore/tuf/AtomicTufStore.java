package dev.provenanceaction.sigstore.tuf;

import dev.sigstore.json.JsonParseException;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaStore;
import dev.sigstore.tuf.TargetStore;
import dev.sigstore.tuf.model.SignedTufMeta;
import dev.sigstore.tuf.model.TufMeta;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * sigstore-java's file store with each write made whole or not at all: it writes in place, so a run
 * killed mid-write (a cancelled job, a timeout) would leave a truncated file that every later run
 * refuses. Writes go to a staging directory beside the cache and are moved into place.
 */
final class AtomicTufStore implements MetaStore, TargetStore {
  private static final String STAGING = ".incoming";

  private final FileSystemTufStore store;
  private final FileSystemTufStore staging;

  private AtomicTufStore(FileSystemTufStore store, FileSystemTufStore staging) {
    this.store = store;
    this.staging = staging;
  }

  static AtomicTufStore in(Path directory) throws IOException {
    Files.createDirectories(directory.resolve("targets"));
    Path incoming = Files.createDirectories(directory.resolve(STAGING));
    Files.createDirectories(incoming.resolve("targets"));
    return new AtomicTufStore(
        FileSystemTufStore.newFileSystemStore(directory),
        FileSystemTufStore.newFileSystemStore(incoming));
  }

  @Override
  public String getIdentifier() {
    return store.getIdentifier();
  }

  @Override
  public void writeMeta(String role, SignedTufMeta<? extends TufMeta> meta) throws IOException {
    staging.writeMeta(role, meta);
    String file = role + ".json";
    moveIntoPlace(staging.getRepoBaseDir().resolve(file), store.getRepoBaseDir().resolve(file));
  }

  @Override
  public <T extends SignedTufMeta<? extends TufMeta>> Optional<T> readMeta(
      String role, Class<T> type) throws IOException, JsonParseException {
    return store.readMeta(role, type);
  }

  @Override
  public void clearMeta(String role) throws IOException {
    store.clearMeta(role);
  }

  @Override
  public void writeTarget(String name, byte[] content) throws IOException {
    staging.writeTarget(name, content);
    // The store names a target's file by its URL-encoded name.
    String file = URLEncoder.encode(name, StandardCharsets.UTF_8);
    moveIntoPlace(staging.getTargetsDir().resolve(file), store.getTargetsDir().resolve(file));
  }

  @Override
  public byte[] readTarget(String name) throws IOException {
    return store.readTarget(name);
  }

  @Override
  public InputStream getTargetInputSteam(String name) throws IOException {
    return store.getTargetInputSteam(name);
  }

  @Override
  public boolean hasTarget(String name) throws IOException {
    return store.hasTarget(name);
  }

  private static void moveIntoPlace(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}

package dev.provenanceaction.sigstore.tuf;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.sigstore.json.JsonParseException;
import dev.sigstore.tuf.InvalidHashesException;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RoleExpiredException;
import dev.sigstore.tuf.RollbackVersionException;
import dev.sigstore.tuf.SignatureVerificationException;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.TufException;
import dev.sigstore.tuf.Updater;
import dev.sigstore.tuf.model.TufMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches targets of a TUF repository with sigstore-java's updater, keeping what it verified in a
 * cache directory.
 *
 * <p>It calls the updater's {@code updateMeta} and {@code downloadTarget(name)} rather than {@code
 * update}, which {@code SigstoreTufClient.update} and {@code forceUpdate} both call in a new
 * process (their "last update" lives in memory): {@code update} downloads every target of the
 * repository on every run, cached or not. This way a run within the metadata's lifetime fetches
 * only what TUF requires, the next root.json (absent) and timestamp.json, and reads the rest from
 * the cache.
 */
public final class TufTargets {
  private TufTargets() {}

  /**
   * Brings the cached metadata of the repository up to date and returns the named targets, each
   * checked against the hashes the signed targets metadata gives.
   *
   * @param http the run's client, trusting the mirror's TLS ({@link TufMirror#tls()}), whose retry
   *     policy and deadline bound every file's fetch
   * @throws SigstoreException for service {@code TUF}, saying which file was refused and why, or
   *     why the repository could not be read
   */
  public static Map<String, byte[]> fetch(
      TufMirror mirror, TufCache cache, List<String> names, SigstoreHttp http)
      throws SigstoreException {
    Path directory = cache.directory().resolve(mirror.name());
    List<String> received = new ArrayList<>();
    try {
      AtomicTufStore store = AtomicTufStore.in(directory);
      TrustedMetaStore trusted =
          TrustedMetaStore.newTrustedMetaStore(
              PassthroughCacheMetaStore.newPassthroughMetaCache(store));
      Updater updater =
          Updater.builder()
              .setClock(cache.clock())
              .setTrustedRootPath(mirror.initialRoot())
              .setTrustedMetaStore(trusted)
              .setVerifiers(JdkTufVerifiers::newVerifier)
              .setTargetStore(store)
              .setMetaFetcher(
                  MetaFetcher.newFetcher(new MirrorFetcher(mirror.metadataUrl(), http, received)))
              .setTargetFetcher(new MirrorFetcher(mirror.targetsUrl(), http, received))
              .build();
      ZonedDateTime start = ZonedDateTime.now(cache.clock());
      updater.updateMeta();
      refuseFrozen(mirror, directory, start, trusted);
      Map<String, byte[]> targets = new LinkedHashMap<>();
      for (String name : names) {
        updater.downloadTarget(name);
        targets.put(name, store.readTarget(name));
      }
      return targets;
    } catch (MirrorFetcher.Unreachable e) {
      throw refusal(mirror, e.getMessage(), e);
    } catch (TufException e) {
      throw refusal(mirror, describe(e, mirror, directory, received), e);
    } catch (IOException e) {
      throw refusal(mirror, "cannot use the cache " + directory + ": " + e.getMessage(), e);
    } catch (JsonParseException e) {
      // Not JSON, or not of the role's type: sigstore-java wraps Gson's and Immutables' failures.
      throw unusableMetadata(mirror, directory, received, e);
    } catch (NullPointerException | DateTimeException e) {
      // sigstore-java's model checks neither presence nor form of every field its updater reads:
      // an empty or "null" file, a role, key or meta left out, an expiry that is not a date. The
      // same exceptions from anywhere else are this code's errors, not the file's.
      if (!thrownInSigstoreJava(e)) {
        throw e;
      }
      throw unusableMetadata(mirror, directory, received, e);
    }
  }

  private static SigstoreException unusableMetadata(
      TufMirror mirror, Path directory, List<String> received, Exception e) {
    return refusal(
        mirror,
        "unusable metadata in "
            + (received.isEmpty() ? "" : lastFile(received, "") + " or in ")
            + "the cache "
            + directory
            + ": "
            + oneLine(String.valueOf(e.getMessage()))
            + " (if the cache was damaged, remove "
            + directory
            + " to start again from the initial root)",
        e);
  }

  /** Whether the first frame past the JDK's own is sigstore-java's. */
  private static boolean thrownInSigstoreJava(RuntimeException e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String className = frame.getClassName();
      if (!className.startsWith("java.") && !className.startsWith("jdk.")) {
        return className.startsWith("dev.sigstore.");
      }
    }
    return false;
  }

  /**
   * sigstore-java checks the expiry of a timestamp, snapshot or targets file only when it is new:
   * when the repository serves the timestamp already in the cache, it accepts it, and what it
   * names, however long ago they expired. TUF refuses them (5.4.4, 5.5.6, 5.6.5), and so does this.
   */
  private static void refuseFrozen(
      TufMirror mirror, Path directory, ZonedDateTime start, TrustedMetaStore trusted)
      throws IOException, JsonParseException, SigstoreException {
    List<TufMeta> roles =
        List.of(
            trusted.getTimestamp().getSignedMeta(),
            trusted.getSnapshot().getSignedMeta(),
            trusted.getTargets().getSignedMeta());
    for (TufMeta role : roles) {
      if (role.getExpiresAsDate().isBefore(start)) {
        throw refusal(
            mirror,
            role.getType()
                + ".json version "
                + role.getVersion()
                + " (cached in "
                + directory
                + ") expired at "
                + role.getExpires()
                + " and the repository offers no newer one: refusing metadata frozen in time"
                + " (check the machine's clock too)",
            null);
      }
    }
  }

  private static String describe(
      TufException e, TufMirror mirror, Path directory, List<String> received) {
    if (e instanceof RoleExpiredException expired) {
      // The updater checks a file's expiry right after it receives it; root.json's after it has
      // looked for the next version, which does not exist.
      String file = lastFile(received, "root.json");
      return (file.endsWith(".root.json") ? "root.json" : file)
          + " expired at "
          + expired.getRoleExpirationTime().toInstant()
          + " (now "
          + expired.getUpdateTime().toInstant()
          + "): refusing stale metadata, from a repository that is no longer refreshed or one"
          + " replaying old files (check the machine's clock too)";
    }
    if (e instanceof RollbackVersionException rollback) {
      return lastFile(received, "a metadata file")
          + " has version "
          + rollback.getFoundVersion()
          + " where version "
          + rollback.getCurrentVersion()
          + " or later is trusted (cached in "
          + directory
          + "): refusing a rollback";
    }
    if (e instanceof SignatureVerificationException signatures) {
      return lastFile(received, "a metadata file")
          + " carries "
          + signatures.getVerifiedSignatures()
          + " valid signature(s) by the keys trusted for its role, and "
          + signatures.getRequiredSignatures()
          + " are required: refusing it";
    }
    if (e instanceof InvalidHashesException) {
      return lastFile(received, "a file")
          + " does not match the hash its signed metadata gives, refusing it ("
          + oneLine(e.getMessage())
          + ")";
    }
    return oneLine(String.valueOf(e.getMessage()));
  }

  private static String lastFile(List<String> received, String otherwise) {
    return received.isEmpty() ? otherwise : received.get(received.size() - 1);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\n\\s*", "; ");
  }

  private static SigstoreException refusal(TufMirror mirror, String reason, Throwable cause) {
    return new SigstoreException(
        MirrorFetcher.SERVICE,
        "the " + mirror.name() + " repository " + mirror.metadataUrl() + ": " + reason,
        cause);
  }
}

package dev.provenanceaction.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TUF repository laid out as Sigstore's (tuf-on-ci) are, on loopback HTTPS: {@code N.root.json}
 * for every root version, {@code timestamp.json}, {@code N.snapshot.json}, {@code N.targets.json}
 * and consistent-snapshot targets {@code targets/SHA256.NAME}, every role signed for real over its
 * canonical JSON with keys made here: ECDSA P-256 ({@code ecdsa-sha2-nistp256}, PEM) for root,
 * snapshot and targets as Sigstore's, Ed25519 (hex) for the timestamp. Each change is published the
 * way a repository publishes: new versions of the roles above it. As in Sigstore's repository, the
 * root role has more keys than its threshold and lists an empty signature for a key that did not
 * sign, every role carries tuf-on-ci's {@code x-tuf-on-ci-*} fields, the targets role delegates
 * ({@code registry.npmjs.org/*}) and holds a target with {@code custom.sigstore} metadata ({@code
 * rekor.pub}) that Sigstore clients need not fetch. Counts the files asked for.
 */
public final class TufRepository implements AutoCloseable {
  private static final String MOVED = "moved/";
  private final TestTls tls;
  private final LoopbackHttps https;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> targets = new LinkedHashMap<>();

  private List<KeyPair> rootKeys;
  private final KeyPair timestampKey;
  private final KeyPair snapshotKey;
  private final KeyPair targetsKey;
  private int rootVersion;
  private int timestampVersion;
  private int snapshotVersion;
  private int targetsVersion;
  private Duration timestampLifetime = Duration.ofDays(1);
  private volatile int failureStatus;
  private final String initialRoot;

  private TufRepository(TestTls tls, Map<String, byte[]> initialTargets) {
    this.tls = tls;
    rootKeys = List.of(TufSigning.ecdsaKeys(), TufSigning.ecdsaKeys(), TufSigning.ecdsaKeys());
    timestampKey = TufSigning.ed25519Keys();
    snapshotKey = TufSigning.ecdsaKeys();
    targetsKey = TufSigning.ecdsaKeys();
    targets.put("rekor.pub", "-----BEGIN PUBLIC KEY-----\n".getBytes(StandardCharsets.UTF_8));
    targets.putAll(initialTargets);
    rootVersion = 1;
    publishRoot(rootKeys, rootKeys.subList(0, 2));
    initialRoot = new String(files.get("1.root.json"), StandardCharsets.UTF_8);
    publishTargets();
    https = LoopbackHttps.start(tls, this::handle);
  }

  /** A repository at version 1 of every role holding these targets, served over HTTPS. */
  public static TufRepository start(TestTls tls, Map<String, byte[]> targets) {
    return new TufRepository(tls, targets);
  }

  /** The mirror a client is given: this repository and its 1.root.json. */
  public TufMirror mirror(String name) {
    return TufMirror.of(name, https.baseUrl(), () -> initialRoot, tls.clientTrust());
  }

  /**
   * The same repository at {@code moved/}, as a mirror that moved would be: each request there is
   * answered with a redirect to the file's own address.
   */
  public TufMirror movedMirror(String name) {
    return TufMirror.of(
        name, https.baseUrl().resolve("/" + MOVED), () -> initialRoot, tls.clientTrust());
  }

  /** Every file asked for since the last {@link #clearRequests()}, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  public int timestampVersion() {
    return timestampVersion;
  }

  /**
   * Replaces the root keys: the next root.json is signed by the new keys and, as TUF requires, by
   * the old ones, unless {@code signedByOldKeys} is false (a root a client must refuse).
   */
  public synchronized void rotateRootKeys(boolean signedByOldKeys) {
    List<KeyPair> old = rootKeys;
    rootKeys = List.of(TufSigning.ecdsaKeys(), TufSigning.ecdsaKeys(), TufSigning.ecdsaKeys());
    rootVersion++;
    List<KeyPair> signers = new ArrayList<>(signedByOldKeys ? old.subList(0, 2) : List.of());
    signers.addAll(rootKeys.subList(0, 2));
    publishRoot(rootKeys, signers);
    publishTimestamp();
  }

  /** Publishes a new version of a target, and the targets, snapshot and timestamp naming it. */
  public synchronized void putTarget(String name, byte[] content) {
    targets.put(name, content.clone());
    publishTargets();
  }

  /** How long timestamps published from now on are valid; negative ones are expired already. */
  public synchronized void setTimestampLifetime(Duration lifetime) {
    timestampLifetime = lifetime;
  }

  /** Publishes the timestamp anew, with the next version and the current lifetime. */
  public synchronized void refreshTimestamp() {
    publishTimestamp();
  }

  /** Serves, from now on, the timestamp of this version as it was published: a replay. */
  public synchronized void replayTimestamp(byte[] oldTimestamp) {
    files.put("timestamp.json", oldTimestamp.clone());
  }

  /** The timestamp.json served now. */
  public byte[] timestamp() {
    return files.get("timestamp.json").clone();
  }

  /** Answers every request from now on with this HTTP status, as a failing CDN would. */
  public void failWith(int status) {
    failureStatus = status;
  }

  /** Serves other bytes under the target's hash-prefixed name, as a tampering mirror would. */
  public synchronized void tamperWithTarget(String name, byte[] served) {
    files.put("targets/" + Sha256.hex(targets.get(name)) + "." + name, served.clone());
  }

  private void publishTargets() {
    targetsVersion++;
    Map<String, Object> entries = new LinkedHashMap<>();
    targets.forEach(
        (name, content) -> {
          entries.put(
              name,
              Map.of("length", content.length, "hashes", Map.of("sha256", Sha256.hex(content))));
          files.put("targets/" + Sha256.hex(content) + "." + name, content);
        });
    Map<String, Object> signed = role("targets", targetsVersion, Duration.ofDays(30));
    signed.put("targets", entries);
    signed.put(
        "delegations",
        Map.of(
            "keys",
            Map.of(TufSigning.keyId(targetsKey), TufSigning.publicKey(targetsKey)),
            "roles",
            List.of(
                Map.of(
                    "keyids",
                    List.of(TufSigning.keyId(targetsKey)),
                    "name",
                    "registry.npmjs.org",
                    "paths",
                    List.of("registry.npmjs.org/*"),
                    "terminating",
                    true,
                    "threshold",
                    1))));
    files.put(targetsVersion + ".targets.json", TufSigning.sign(signed, List.of(targetsKey)));

    snapshotVersion++;
    Map<String, Object> snapshot = role("snapshot", snapshotVersion, Duration.ofDays(7));
    snapshot.put("meta", Map.of("targets.json", Map.of("version", targetsVersion)));
    files.put(snapshotVersion + ".snapshot.json", TufSigning.sign(snapshot, List.of(snapshotKey)));
    publishTimestamp();
  }

  private void publishTimestamp() {
    timestampVersion++;
    byte[] snapshot = files.get(snapshotVersion + ".snapshot.json");
    Map<String, Object> signed = role("timestamp", timestampVersion, timestampLifetime);
    signed.put(
        "meta",
        Map.of(
            "snapshot.json",
            Map.of(
                "version",
                snapshotVersion,
                "length",
                snapshot.length,
                "hashes",
                Map.of("sha256", Sha256.hex(snapshot)))));
    files.put("timestamp.json", TufSigning.sign(signed, List.of(timestampKey)));
  }

  private void publishRoot(List<KeyPair> keys, List<KeyPair> signers) {
    Map<String, Object> keyMap = new LinkedHashMap<>();
    List<String> rootIds = new ArrayList<>();
    for (KeyPair key : keys) {
      rootIds.add(TufSigning.keyId(key));
      keyMap.put(TufSigning.keyId(key), TufSigning.publicKey(key));
    }
    for (KeyPair key : List.of(timestampKey, snapshotKey, targetsKey)) {
      keyMap.put(TufSigning.keyId(key), TufSigning.publicKey(key));
    }
    Map<String, Object> signed = role("root", rootVersion, Duration.ofDays(365));
    signed.put("consistent_snapshot", true);
    signed.put("keys", keyMap);
    signed.put(
        "roles",
        Map.of(
            "root", Map.of("keyids", rootIds, "threshold", 2),
            "timestamp", Map.of("keyids", List.of(TufSigning.keyId(timestampKey)), "threshold", 1),
            "snapshot", Map.of("keyids", List.of(TufSigning.keyId(snapshotKey)), "threshold", 1),
            "targets", Map.of("keyids", List.of(TufSigning.keyId(targetsKey)), "threshold", 1)));
    files.put(rootVersion + ".root.json", TufSigning.sign(signed, signers, keys));
  }

  private static Map<String, Object> role(String type, int version, Duration lifetime) {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("_type", type);
    signed.put("spec_version", "1.0");
    signed.put("version", version);
    signed.put("expires", Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString());
    signed.put("x-tuf-on-ci-expiry-period", (int) Math.max(1, lifetime.toDays()));
    return signed;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().replaceFirst("^/", "");
    requests.add(path);
    if (failureStatus != 0) {
      LoopbackHttps.respond(exchange, failureStatus, "text/plain", "failing");
      return;
    }
    if (path.startsWith(MOVED)) {
      exchange.getResponseHeaders().set("Location", "/" + path.substring(MOVED.length()));
      LoopbackHttps.respond(exchange, 302, "text/plain", "");
      return;
    }
    byte[] body = "GET".equals(exchange.getRequestMethod()) ? files.get(path) : null;
    LoopbackHttps.respondJsonFile(exchange, body);
  }

  @Override
  public void close() {
    https.close();
  }
}

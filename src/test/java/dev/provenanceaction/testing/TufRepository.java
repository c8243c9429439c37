package dev.provenanceaction.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.CanonicalJson;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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
 * way a repository publishes: new versions of the roles above it. Counts the files asked for.
 */
public final class TufRepository implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();

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
    rootKeys = List.of(ecdsaKeys(), ecdsaKeys());
    timestampKey = ed25519Keys();
    snapshotKey = ecdsaKeys();
    targetsKey = ecdsaKeys();
    targets.putAll(initialTargets);
    rootVersion = 1;
    publishRoot(rootKeys, rootKeys);
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
    rootKeys = List.of(ecdsaKeys(), ecdsaKeys());
    rootVersion++;
    List<KeyPair> signers = new ArrayList<>(signedByOldKeys ? old : List.of());
    signers.addAll(rootKeys);
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
    files.put("targets/" + sha256Hex(targets.get(name)) + "." + name, served.clone());
  }

  private void publishTargets() {
    targetsVersion++;
    Map<String, Object> entries = new LinkedHashMap<>();
    targets.forEach(
        (name, content) -> {
          entries.put(
              name,
              Map.of("length", content.length, "hashes", Map.of("sha256", sha256Hex(content))));
          files.put("targets/" + sha256Hex(content) + "." + name, content);
        });
    Map<String, Object> signed = role("targets", targetsVersion, Duration.ofDays(30));
    signed.put("targets", entries);
    files.put(targetsVersion + ".targets.json", sign(signed, List.of(targetsKey)));

    snapshotVersion++;
    Map<String, Object> snapshot = role("snapshot", snapshotVersion, Duration.ofDays(7));
    snapshot.put("meta", Map.of("targets.json", Map.of("version", targetsVersion)));
    files.put(snapshotVersion + ".snapshot.json", sign(snapshot, List.of(snapshotKey)));
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
                Map.of("sha256", sha256Hex(snapshot)))));
    files.put("timestamp.json", sign(signed, List.of(timestampKey)));
  }

  private void publishRoot(List<KeyPair> keys, List<KeyPair> signers) {
    Map<String, Object> keyMap = new LinkedHashMap<>();
    List<String> rootIds = new ArrayList<>();
    for (KeyPair key : keys) {
      rootIds.add(keyId(key));
      keyMap.put(keyId(key), publicKey(key));
    }
    for (KeyPair key : List.of(timestampKey, snapshotKey, targetsKey)) {
      keyMap.put(keyId(key), publicKey(key));
    }
    Map<String, Object> signed = role("root", rootVersion, Duration.ofDays(365));
    signed.put("consistent_snapshot", true);
    signed.put("keys", keyMap);
    signed.put(
        "roles",
        Map.of(
            "root", Map.of("keyids", rootIds, "threshold", 2),
            "timestamp", Map.of("keyids", List.of(keyId(timestampKey)), "threshold", 1),
            "snapshot", Map.of("keyids", List.of(keyId(snapshotKey)), "threshold", 1),
            "targets", Map.of("keyids", List.of(keyId(targetsKey)), "threshold", 1)));
    files.put(rootVersion + ".root.json", sign(signed, signers));
  }

  private static Map<String, Object> role(String type, int version, Duration lifetime) {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("_type", type);
    signed.put("spec_version", "1.0");
    signed.put("version", version);
    signed.put("expires", Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString());
    return signed;
  }

  /** The document, its signatures over the TUF canonical JSON of {@code signed}. */
  private static byte[] sign(Map<String, Object> signed, List<KeyPair> signers) {
    byte[] canonical = tufCanonical(signed).getBytes(StandardCharsets.UTF_8);
    List<Object> signatures = new ArrayList<>();
    for (KeyPair key : signers) {
      signatures.add(
          Map.of(
              "keyid", keyId(key), "sig", HEX.formatHex(signature(key.getPrivate(), canonical))));
    }
    return CanonicalJson.write(Map.of("signed", signed, "signatures", signatures))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * TUF's canonical JSON (OLPC's, as securesystemslib and python-tuf write it): keys sorted, no
   * whitespace, and in strings only the quote and the backslash escaped. It differs from RFC 8785
   * ({@link CanonicalJson}, Rekor's) in control characters: a PEM key's newlines stay raw.
   */
  private static String tufCanonical(Object value) {
    if (value instanceof String string) {
      return '"' + string.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      new java.util.TreeMap<>(map)
          .forEach(
              (key, item) ->
                  out.append(out.length() > 1 ? "," : "")
                      .append(tufCanonical(key))
                      .append(':')
                      .append(tufCanonical(item)));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(",", list.stream().map(TufRepository::tufCanonical).toList()) + "]";
    }
    return String.valueOf(value);
  }

  private static byte[] signature(PrivateKey key, byte[] data) {
    try {
      Signature signer =
          Signature.getInstance(
              key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : key.getAlgorithm());
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The TUF key object: Sigstore's ECDSA keys as PEM, Ed25519 as the raw key in hex. */
  private static Map<String, Object> publicKey(KeyPair key) {
    byte[] spki = key.getPublic().getEncoded();
    if (key.getPublic().getAlgorithm().equals("EC")) {
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
              + "\n-----END PUBLIC KEY-----\n";
      return Map.of(
          "keytype",
          "ecdsa",
          "scheme",
          "ecdsa-sha2-nistp256",
          "keyid_hash_algorithms",
          List.of("sha256", "sha512"),
          "keyval",
          Map.of("public", pem));
    }
    // An Ed25519 SubjectPublicKeyInfo ends with the 32-byte key.
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return Map.of(
        "keytype", "ed25519", "scheme", "ed25519", "keyval", Map.of("public", HEX.formatHex(raw)));
  }

  /** As TUF computes key ids: SHA-256 of the key object's canonical JSON. */
  private static String keyId(KeyPair key) {
    return sha256Hex(tufCanonical(publicKey(key)).getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecdsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ed25519Keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().replaceFirst("^/", "");
    requests.add(path);
    if (failureStatus != 0) {
      LoopbackHttps.respond(exchange, failureStatus, "text/plain", "failing");
      return;
    }
    byte[] body = "GET".equals(exchange.getRequestMethod()) ? files.get(path) : null;
    if (body == null) {
      LoopbackHttps.respond(exchange, 404, "text/plain", "");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    https.close();
  }
}

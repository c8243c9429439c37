package dev.provenanceaction.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the GitHub double holds: repositories, releases, assets and their bytes, attestations. */
public final class GithubState {
  private static final Pattern UPLOAD_PATH =
      Pattern.compile("^/repos/([^/]+)/([^/]+)/releases/([0-9]+)/assets$");
  private static final Instant EPOCH = Instant.parse("2025-06-01T00:00:00Z");

  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);

  long nextId() {
    return ids.incrementAndGet();
  }

  /** A distinct, increasing timestamp: creation order is never ambiguous. */
  Instant nextTime() {
    return EPOCH.plusSeconds(ids.incrementAndGet());
  }

  public Repository addRepository(String fullName) {
    Repository repository = new Repository(fullName, nextId());
    repositories.put(fullName, repository);
    return repository;
  }

  public Repository repository(String fullName) {
    return repositories.get(fullName);
  }

  synchronized byte[] storedContent(long assetId) {
    for (Repository repository : repositories.values()) {
      for (Release release : repository.releases) {
        for (Asset asset : release.assets) {
          if (asset.id == assetId && asset.state.equals("uploaded")) {
            return asset.content;
          }
        }
      }
    }
    return null;
  }

  /** A failed upload's leftover: an asset in state {@code starter} with the requested name. */
  synchronized void leaveStarter(String path, Map<String, List<String>> query) {
    Matcher matcher = UPLOAD_PATH.matcher(path);
    List<String> names = query.get("name");
    if (!matcher.matches() || names == null) {
      return;
    }
    Repository repository = repository(matcher.group(1) + "/" + matcher.group(2));
    Release release =
        repository == null ? null : repository.release(Long.parseLong(matcher.group(3)));
    if (release != null) {
      release.assets.add(
          new Asset(nextId(), storedName(names.get(0)), "starter", new byte[0], nextTime()));
    }
  }

  /** GitHub's renaming of asset names: other characters than these become periods. */
  static String storedName(String name) {
    StringBuilder stored = new StringBuilder();
    for (char c : name.toCharArray()) {
      boolean kept = c < 128 && (Character.isLetterOrDigit(c) || ".-_+@".indexOf(c) >= 0);
      stored.append(kept ? c : '.');
    }
    return stored.toString();
  }

  /** A repository. */
  public final class Repository {
    final String fullName;
    final long id;
    final List<Release> releases = new ArrayList<>();
    final List<String> attestations = new ArrayList<>();
    int attestationRefusal;

    Repository(String fullName, long id) {
      this.fullName = fullName;
      this.id = id;
    }

    public Release addPublished(String tag) {
      return add(tag, false, false);
    }

    public Release addImmutable(String tag) {
      return add(tag, false, true);
    }

    public Release addDraft(String tag) {
      return add(tag, true, false);
    }

    /** Releases that are not for this tag, to fill pages. */
    public void addOtherReleases(int count) {
      for (int i = 0; i < count; i++) {
        add("v0." + i, i % 3 == 0, false);
      }
    }

    Release add(String tag, boolean draft, boolean immutable) {
      synchronized (GithubState.this) {
        Release release = new Release(nextId(), tag, draft, immutable, nextTime());
        releases.add(release);
        return release;
      }
    }

    public List<Release> releases() {
      synchronized (GithubState.this) {
        return List.copyOf(releases);
      }
    }

    public List<Release> releasesFor(String tag) {
      return releases().stream().filter(release -> release.tag.equals(tag)).toList();
    }

    Release release(long id) {
      return releases.stream().filter(release -> release.id == id).findFirst().orElse(null);
    }

    /** The attestations' request bodies, as posted. */
    public List<String> attestations() {
      synchronized (GithubState.this) {
        return List.copyOf(attestations);
      }
    }

    /** Answer attestation posts with this status (403, 404) instead of storing them. */
    public void refuseAttestations(int status) {
      attestationRefusal = status;
    }
  }

  /** A release. */
  public final class Release {
    final long id;
    final String tag;
    final boolean draft;
    final boolean immutable;
    final Instant createdAt;
    String targetCommitish = "main";
    final List<Asset> assets = new ArrayList<>();

    Release(long id, String tag, boolean draft, boolean immutable, Instant createdAt) {
      this.id = id;
      this.tag = tag;
      this.draft = draft;
      this.immutable = immutable;
      this.createdAt = createdAt;
    }

    public long id() {
      return id;
    }

    public boolean draft() {
      return draft;
    }

    public String targetCommitish() {
      return targetCommitish;
    }

    public Asset addAsset(String name, String content) {
      synchronized (GithubState.this) {
        Asset asset =
            new Asset(
                nextId(), name, "uploaded", content.getBytes(StandardCharsets.UTF_8), nextTime());
        assets.add(asset);
        return asset;
      }
    }

    public List<Asset> assets() {
      synchronized (GithubState.this) {
        return List.copyOf(assets);
      }
    }

    public Asset asset(String name) {
      return assets().stream().filter(asset -> asset.name.equals(name)).findFirst().orElse(null);
    }
  }

  /** A release asset with its bytes. */
  public static final class Asset {
    final long id;
    String name;
    final String state;
    final byte[] content;
    final Instant createdAt;

    Asset(long id, String name, String state, byte[] content, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.state = state;
      this.content = content;
      this.createdAt = createdAt;
    }

    public long id() {
      return id;
    }

    public String name() {
      return name;
    }

    public String state() {
      return state;
    }

    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }

    public List<String> lines() {
      return text().lines().filter(line -> !line.isBlank()).toList();
    }
  }
}

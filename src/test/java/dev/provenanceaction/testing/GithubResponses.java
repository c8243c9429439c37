package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub double's answers for one repository, in the JSON shapes of GitHub's description
 * ({@code release}, {@code release-asset}), changing {@link GithubState} as GitHub would.
 */
final class GithubResponses {
  private static final Pattern RELEASE_BY_TAG = Pattern.compile("^/releases/tags/(.+)$");
  private static final Pattern RELEASE = Pattern.compile("^/releases/([0-9]+)$");
  private static final Pattern RELEASE_ASSETS = Pattern.compile("^/releases/([0-9]+)/assets$");
  private static final Pattern ASSET = Pattern.compile("^/releases/assets/([0-9]+)$");

  /** A status, headers and body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer json(int status, JsonNode body) {
      return new Answer(status, Map.of(), GithubApiServer.bytes(body));
    }

    static Answer error(int status, String message) {
      return new Answer(status, Map.of(), GithubApiServer.error(message));
    }
  }

  private final GithubState state;
  private final URI apiUrl;
  private final URI uploadsUrl;
  private final GithubState.Repository repository;

  GithubResponses(
      GithubState state, URI apiUrl, URI uploadsUrl, GithubState.Repository repository) {
    this.state = state;
    this.apiUrl = apiUrl;
    this.uploadsUrl = uploadsUrl;
    this.repository = repository;
  }

  Answer api(
      String method,
      String rest,
      Map<String, List<String>> query,
      byte[] body,
      String accept,
      URI requestUri) {
    synchronized (state) {
      Matcher matcher;
      if (rest.isEmpty() && method.equals("GET")) {
        return Answer.json(200, repositoryJson());
      }
      if (rest.equals("/releases") && method.equals("GET")) {
        List<GithubState.Release> newestFirst = new ArrayList<>(repository.releases);
        newestFirst.sort(Comparator.comparing((GithubState.Release r) -> r.createdAt).reversed());
        return page(newestFirst, this::releaseJson, query, requestUri);
      }
      if (rest.equals("/releases") && method.equals("POST")) {
        return createRelease(GithubApiServer.read(body));
      }
      if ((matcher = RELEASE_BY_TAG.matcher(rest)).matches() && method.equals("GET")) {
        String tag = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
        return repository.releases.stream()
            .filter(release -> !release.draft && release.tag.equals(tag))
            .findFirst()
            .map(release -> Answer.json(200, releaseJson(release)))
            .orElse(Answer.error(404, "Not Found"));
      }
      if ((matcher = RELEASE.matcher(rest)).matches() && method.equals("GET")) {
        GithubState.Release release = repository.release(Long.parseLong(matcher.group(1)));
        return release == null
            ? Answer.error(404, "Not Found")
            : Answer.json(200, releaseJson(release));
      }
      if ((matcher = RELEASE_ASSETS.matcher(rest)).matches() && method.equals("GET")) {
        GithubState.Release release = repository.release(Long.parseLong(matcher.group(1)));
        if (release == null) {
          return Answer.error(404, "Not Found");
        }
        return page(release.assets, this::assetJson, query, requestUri);
      }
      if ((matcher = ASSET.matcher(rest)).matches()) {
        return asset(method, Long.parseLong(matcher.group(1)), body, accept);
      }
      if (rest.equals("/attestations") && method.equals("POST")) {
        if (repository.attestationRefusal != 0) {
          return Answer.error(
              repository.attestationRefusal, "Resource not accessible by integration");
        }
        repository.attestations.add(new String(body, StandardCharsets.UTF_8));
        return Answer.json(201, GithubApiServer.JSON.createObjectNode().put("id", state.nextId()));
      }
      return Answer.error(404, "Not Found");
    }
  }

  Answer upload(String method, String rest, Map<String, List<String>> query, byte[] body) {
    synchronized (state) {
      Matcher matcher = RELEASE_ASSETS.matcher(rest);
      if (!matcher.matches() || !method.equals("POST")) {
        return Answer.error(404, "Not Found");
      }
      GithubState.Release release = repository.release(Long.parseLong(matcher.group(1)));
      if (release == null) {
        return Answer.error(404, "Not Found");
      }
      if (release.immutable) {
        return Answer.error(422, "Cannot upload assets to an immutable release.");
      }
      String name = GithubState.storedName(query.get("name").get(0));
      if (release.assets.stream().anyMatch(asset -> asset.name.equals(name))) {
        return alreadyExists();
      }
      GithubState.Asset asset =
          new GithubState.Asset(state.nextId(), name, "uploaded", body, state.nextTime());
      release.assets.add(asset);
      return Answer.json(201, assetJson(asset));
    }
  }

  private Answer asset(String method, long id, byte[] body, String accept) {
    GithubState.Release release = null;
    GithubState.Asset asset = null;
    for (GithubState.Release candidate : repository.releases) {
      for (GithubState.Asset a : candidate.assets) {
        if (a.id == id) {
          release = candidate;
          asset = a;
        }
      }
    }
    if (asset == null) {
      return Answer.error(404, "Not Found");
    }
    switch (method) {
      case "GET":
        if ("application/octet-stream".equals(accept)) {
          return new Answer(
              302,
              Map.of("Location", uploadsUrl.resolve("/storage/" + id).toString()),
              new byte[0]);
        }
        return Answer.json(200, assetJson(asset));
      case "DELETE":
        if (release.immutable) {
          return Answer.error(422, "Cannot delete assets of an immutable release.");
        }
        release.assets.remove(asset);
        return new Answer(204, Map.of(), new byte[0]);
      case "PATCH":
        if (release.immutable) {
          return Answer.error(422, "Cannot modify assets of an immutable release.");
        }
        JsonNode update = GithubApiServer.read(body);
        if (update != null && update.path("name").isTextual()) {
          String name = GithubState.storedName(update.path("name").asText());
          GithubState.Asset renamed = asset;
          if (release.assets.stream().anyMatch(a -> a != renamed && a.name.equals(name))) {
            return alreadyExists();
          }
          asset.name = name;
        }
        return Answer.json(200, assetJson(asset));
      default:
        return Answer.error(404, "Not Found");
    }
  }

  private Answer createRelease(JsonNode request) {
    String tag = request.path("tag_name").asText();
    boolean draft = request.path("draft").asBoolean(false);
    if (!draft && repository.releases.stream().anyMatch(r -> !r.draft && r.tag.equals(tag))) {
      return alreadyExists();
    }
    GithubState.Release release = repository.add(tag, draft, false);
    if (request.path("target_commitish").isTextual()) {
      release.targetCommitish = request.path("target_commitish").asText();
    }
    return Answer.json(201, releaseJson(release));
  }

  private static Answer alreadyExists() {
    ObjectNode body = GithubApiServer.JSON.createObjectNode().put("message", "Validation Failed");
    body.putArray("errors")
        .addObject()
        .put("resource", "ReleaseAsset")
        .put("code", "already_exists")
        .put("field", "name");
    body.put("documentation_url", "https://docs.github.com/rest/releases/assets");
    return Answer.json(422, body);
  }

  private <T> Answer page(
      List<T> items,
      Function<T, JsonNode> render,
      Map<String, List<String>> query,
      URI requestUri) {
    int perPage = Math.min(100, Integer.parseInt(first(query, "per_page", "30")));
    int page = Integer.parseInt(first(query, "page", "1"));
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    ArrayNode body = GithubApiServer.array();
    for (T item : items.subList(from, to)) {
      body.add(render.apply(item));
    }
    int last = Math.max(1, (items.size() + perPage - 1) / perPage);
    String base = apiUrl.resolve(requestUri.getRawPath()) + "?per_page=" + perPage + "&page=";
    List<String> links = new ArrayList<>();
    if (page < last) {
      links.add("<" + base + (page + 1) + ">; rel=\"next\"");
      links.add("<" + base + last + ">; rel=\"last\"");
    }
    if (page > 1) {
      links.add("<" + base + 1 + ">; rel=\"first\"");
      links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
    }
    return new Answer(
        200,
        links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links)),
        GithubApiServer.bytes(body));
  }

  private static String first(Map<String, List<String>> query, String name, String fallback) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  private JsonNode repositoryJson() {
    String[] parts = repository.fullName.split("/");
    ObjectNode repo = GithubApiServer.JSON.createObjectNode();
    repo.put("id", repository.id)
        .put("node_id", "R_" + repository.id)
        .put("name", parts[1])
        .put("full_name", repository.fullName)
        .put("private", false)
        .put("visibility", "public")
        .put("html_url", "https://github.com/" + repository.fullName)
        .put("url", apiUrl + "/repos/" + repository.fullName)
        .put("default_branch", "main");
    repo.set("owner", owner(parts[0]));
    repo.putObject("permissions").put("admin", false).put("push", true).put("pull", true);
    return repo;
  }

  private JsonNode releaseJson(GithubState.Release release) {
    String base = apiUrl + "/repos/" + repository.fullName + "/releases/" + release.id;
    ObjectNode json = GithubApiServer.JSON.createObjectNode();
    json.put("url", base)
        .put(
            "html_url",
            "https://github.com/"
                + repository.fullName
                + "/releases/"
                + (release.draft ? "untagged-" + release.id : "tag/" + release.tag))
        .put("assets_url", base + "/assets")
        .put(
            "upload_url",
            uploadsUrl
                + "/repos/"
                + repository.fullName
                + "/releases/"
                + release.id
                + "/assets{?name,label}")
        .put("tarball_url", apiUrl + "/repos/" + repository.fullName + "/tarball/" + release.tag)
        .put("zipball_url", apiUrl + "/repos/" + repository.fullName + "/zipball/" + release.tag)
        .put("id", release.id)
        .put("node_id", "RE_" + release.id)
        .put("tag_name", release.tag)
        .put("target_commitish", release.targetCommitish)
        .put("name", release.tag)
        .put("draft", release.draft)
        .put("prerelease", false)
        .put("immutable", release.immutable)
        .put("created_at", release.createdAt.toString());
    if (release.draft) {
      json.putNull("published_at");
    } else {
      json.put("published_at", release.createdAt.toString());
    }
    json.set("author", owner("github-actions[bot]"));
    ArrayNode assets = json.putArray("assets");
    release.assets.forEach(asset -> assets.add(assetJson(asset)));
    return json;
  }

  private JsonNode assetJson(GithubState.Asset asset) {
    ObjectNode json = GithubApiServer.JSON.createObjectNode();
    json.put("url", apiUrl + "/repos/" + repository.fullName + "/releases/assets/" + asset.id)
        .put(
            "browser_download_url",
            "https://github.com/" + repository.fullName + "/releases/download/" + asset.name)
        .put("id", asset.id)
        .put("node_id", "RA_" + asset.id)
        .put("name", asset.name)
        .putNull("label")
        .put("state", asset.state)
        .put("content_type", "application/octet-stream")
        .put("size", asset.content.length)
        .put("download_count", 0)
        .put("created_at", asset.createdAt.toString())
        .put("updated_at", asset.createdAt.toString());
    json.set("uploader", owner("github-actions[bot]"));
    return json;
  }

  private static JsonNode owner(String login) {
    return GithubApiServer.JSON
        .createObjectNode()
        .put("login", login)
        .put("id", Math.abs(login.hashCode()))
        .put("type", login.endsWith("[bot]") ? "Bot" : "Organization");
  }
}

package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.sigstore.TlsTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful GitHub REST API on two loopback ports: the API, and uploads on another origin as
 * {@code upload_url} names it (as on github.com and GHES), which also serves asset content where
 * the API redirects downloads. It holds repositories, published, immutable and draft releases,
 * assets with their bytes and state, and attestations; it pages with {@code Link} headers, renames
 * asset names the way GitHub does, answers {@code 422 already_exists}, and checks every request
 * against GitHub's OpenAPI description (a request it does not allow gets 400 and is kept in {@link
 * #violations()}). Faults are injected with {@link GithubFaults}.
 */
public final class GithubApiServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPO = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");

  private final String token;
  private final TestTls tls = TestTls.create();
  private final GithubState state = new GithubState();
  private final GithubFaults faults = new GithubFaults();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> requestLog = new CopyOnWriteArrayList<>();
  private final List<String> authorizationsSeenByStorage = new CopyOnWriteArrayList<>();
  private HttpsServer api;
  private HttpsServer uploads;

  private GithubApiServer(String token) {
    this.token = token;
  }

  /** Starts both ports; requests must carry this token. */
  public static GithubApiServer start(String token) {
    GithubApiServer server = new GithubApiServer(token);
    server.api = server.listen(exchange -> server.handle(exchange, false));
    server.uploads = server.listen(exchange -> server.handle(exchange, true));
    return server;
  }

  /** {@code GITHUB_API_URL} for this server. */
  public URI apiUrl() {
    return origin(api);
  }

  public URI uploadsUrl() {
    return origin(uploads);
  }

  /** What a client trusts to talk to both ports over TLS. */
  public TlsTrust clientTrust() {
    return tls.clientTrust();
  }

  /**
   * What the action's environment names this server by: {@code GITHUB_API_URL}, and its CA in
   * {@code PROVENANCE_ACTION_TLS_CA}.
   */
  public Map<String, String> environment() {
    return Map.of(
        "GITHUB_API_URL", apiUrl().toString(), TlsCaVariable.NAME, tls.caPem().toString());
  }

  public GithubState state() {
    return state;
  }

  public GithubFaults faults() {
    return faults;
  }

  /** Requests the OpenAPI description does not allow, with the reasons. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Every request as {@code METHOD host-kind path?query}, e.g. {@code POST uploads /repos/...}. */
  public List<String> requests() {
    return List.copyOf(requestLog);
  }

  /** Authorization headers sent to the asset storage, which must never get the token. */
  public List<String> authorizationsSeenByStorage() {
    return List.copyOf(authorizationsSeenByStorage);
  }

  @Override
  public void close() {
    api.stop(0);
    uploads.stop(0);
  }

  private HttpsServer listen(HttpHandler handler) {
    LoopbackHttps.sendWithoutDelay();
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
      server.createContext("/", handler);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI origin(HttpsServer server) {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange, boolean uploadHost) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      requestLog.add(
          method
              + (uploadHost ? " uploads " : " api ")
              + path
              + (rawQuery == null ? "" : "?" + rawQuery));
      if (uploadHost && path.startsWith("/storage/")) {
        serveStorage(exchange, path);
        return;
      }
      GithubFaults.Fault fault = faults.next(method, path);
      if (fault != null && fault.kind() == GithubFaults.Kind.DROP_CONNECTION) {
        exchange.getRequestBody().readNBytes(16);
        if (uploadHost) {
          state.leaveStarter(path, query(rawQuery));
        }
        // Closing before any response makes the JDK server drop the connection.
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> query = query(rawQuery);
      List<String> problems =
          GithubOpenApi.violations(
              method,
              URLDecoder.decode(path, StandardCharsets.UTF_8),
              query,
              headers(exchange),
              body);
      if (!problems.isEmpty()) {
        violations.add(method + " " + path + ": " + problems);
        send(exchange, 400, error("request not allowed by the OpenAPI description: " + problems));
        return;
      }
      if (!authorized(exchange)) {
        send(exchange, 401, error("Bad credentials"));
        return;
      }
      if (fault != null) {
        if (fault.kind() == GithubFaults.Kind.STARTER_AND_502) {
          state.leaveStarter(path, query);
        }
        fault.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        send(exchange, fault.status(), error(fault.message()));
        return;
      }
      route(exchange, method, path, query, body, uploadHost);
    } catch (RuntimeException e) {
      violations.add("the double failed: " + e);
      throw e;
    }
  }

  private void route(
      HttpExchange exchange,
      String method,
      String path,
      Map<String, List<String>> query,
      byte[] body,
      boolean uploadHost)
      throws IOException {
    if (path.equals("/user") && method.equals("GET")) {
      send(exchange, 200, user());
      return;
    }
    Matcher repo = REPO.matcher(path);
    if (!repo.matches()) {
      send(exchange, 404, error("Not Found"));
      return;
    }
    GithubState.Repository repository = state.repository(repo.group(1) + "/" + repo.group(2));
    if (repository == null) {
      send(exchange, 404, error("Not Found"));
      return;
    }
    String rest = repo.group(3) == null ? "" : repo.group(3);
    GithubResponses responses = new GithubResponses(state, apiUrl(), uploadsUrl(), repository);
    GithubResponses.Answer answer =
        uploadHost
            ? responses.upload(method, rest, query, body)
            : responses.api(
                method,
                rest,
                query,
                body,
                exchange.getRequestHeaders().getFirst("Accept"),
                exchange.getRequestURI());
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    send(exchange, answer.status(), answer.body());
  }

  private void serveStorage(HttpExchange exchange, String path) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      authorizationsSeenByStorage.add(authorization);
    }
    byte[] content = state.storedContent(Long.parseLong(path.substring("/storage/".length())));
    if (content == null) {
      send(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    send(exchange, 200, content);
  }

  private boolean authorized(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return ("Bearer " + token).equals(authorization) || ("token " + token).equals(authorization);
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values));
    return headers;
  }

  static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static JsonNode user() {
    return JSON.createObjectNode()
        .put("login", "github-actions[bot]")
        .put("id", 41898282)
        .put("type", "Bot");
  }

  static byte[] error(String message) {
    ObjectNode error = JSON.createObjectNode().put("message", message);
    error.put("documentation_url", "https://docs.github.com/rest");
    return bytes(error);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    send(exchange, status, bytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    }
    boolean empty = body == null || body.length == 0 || status == 204;
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  static JsonNode read(byte[] body) {
    try (InputStream in = new ByteArrayInputStream(body)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      return null;
    }
  }
}

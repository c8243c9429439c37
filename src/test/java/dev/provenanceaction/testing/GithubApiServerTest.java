package dev.provenanceaction.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The double refuses what GitHub's OpenAPI description does not allow, before any state change. */
class GithubApiServerTest {
  private static final String TOKEN = "ghs_test";
  private GithubApiServer github;
  private HttpClient client;
  private GithubState.Repository repository;

  @BeforeEach
  void start() {
    github = GithubApiServer.start(TOKEN);
    client = HttpClient.newBuilder().sslContext(github.clientTrust().sslContext()).build();
    repository = github.state().addRepository("octo-org/wheels");
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void aReleaseWithoutTagNameIsRefused() throws Exception {
    HttpResponse<String> response =
        send(github.apiUrl(), "POST", "/repos/octo-org/wheels/releases", "{\"draft\":true}");

    assertEquals(400, response.statusCode());
    assertEquals(1, github.violations().size());
    assertTrue(github.violations().get(0).contains("tag_name"), github.violations().toString());
    assertEquals(0, repository.releases().size());
  }

  @Test
  void anUploadWithoutANameIsRefused() throws Exception {
    GithubState.Release draft = repository.addDraft("v1");

    HttpResponse<String> response =
        send(
            github.uploadsUrl(),
            "POST",
            "/repos/octo-org/wheels/releases/" + draft.id() + "/assets",
            "bytes");

    assertEquals(400, response.statusCode());
    assertTrue(github.violations().get(0).contains("name"), github.violations().toString());
    assertEquals(0, draft.assets().size());
  }

  @Test
  void anOperationTheDescriptionLacksIsRefused() throws Exception {
    HttpResponse<String> response =
        send(github.apiUrl(), "PUT", "/repos/octo-org/wheels/releases", "{}");

    assertEquals(400, response.statusCode());
    assertEquals(1, github.violations().size());
  }

  @Test
  void anAllowedRequestIsServed() throws Exception {
    HttpResponse<String> response =
        send(
            github.apiUrl(),
            "POST",
            "/repos/octo-org/wheels/releases",
            "{\"tag_name\":\"v1\",\"draft\":true,\"target_commitish\":\"main\"}");

    assertEquals(201, response.statusCode(), response.body());
    assertEquals(0, github.violations().size());
    assertEquals(1, repository.releasesFor("v1").size());
  }

  private HttpResponse<String> send(URI origin, String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(origin.resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Accept", "application/vnd.github+json")
            .header(
                "Content-Type",
                path.endsWith("/assets") ? "application/octet-stream" : "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}

package dev.provenanceaction.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A response from GitHub's API, read whole.
 *
 * @param uri the request's address
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the response body
 */
record GithubResponse(URI uri, int status, HttpHeaders headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  JsonNode json() throws IOException {
    return JSON.readTree(body);
  }

  /** GitHub's {@code message} from an error body, or the start of the body. */
  String message() {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode message = JSON.readTree(text).path("message");
      if (message.isTextual()) {
        return message.asText();
      }
    } catch (IOException e) {
      // not JSON: the text itself is the best account
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** Whether a 422 says an asset of this name exists already. */
  boolean isAlreadyExists() {
    return status == 422 && new String(body, StandardCharsets.UTF_8).contains("already_exists");
  }

  /** The failure as an exception naming the call, e.g. {@code HTTP 404 ... : Not Found}. */
  GithubApiException toException(String call) {
    return new GithubApiException(call, status, message());
  }
}

package dev.provenanceaction.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GitHub's own REST description (npm {@code @octokit/openapi} 23.0.2, cut down by {@code
 * scripts/extract-openapi-paths} to the operations this project calls) as a request validator.
 */
public final class GithubOpenApi {
  static final String RESOURCE = "github/api.github.com.releases.json";
  private static volatile OpenApiInteractionValidator shared;

  /**
   * Media types GitHub's documentation asks for that the description's responses do not list: its
   * own JSON type, and raw asset content (a 302 to storage in the description).
   */
  private static final Set<String> DOCUMENTED_ACCEPT =
      Set.of("application/vnd.github+json", "application/octet-stream");

  private GithubOpenApi() {}

  /**
   * The problems the description finds with a request, one line each; empty if it allows it.
   *
   * @param query decoded query parameters
   */
  public static List<String> violations(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    query.forEach(request::withQueryParam);
    headers.forEach(request::withHeader);
    if (body != null && body.length > 0) {
      request.withBody(body);
    }
    ValidationReport report = validator().validateRequest(request.build());
    boolean documentedAccept =
        headers.entrySet().stream()
            .filter(header -> header.getKey().equalsIgnoreCase("Accept"))
            .flatMap(header -> header.getValue().stream())
            .allMatch(DOCUMENTED_ACCEPT::contains);
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .filter(
            message ->
                !(documentedAccept
                    && message.getKey().equals("validation.request.accept.notAllowed")))
        .map(message -> message.getKey() + ": " + message.getMessage())
        .collect(Collectors.toList());
  }

  private static OpenApiInteractionValidator validator() {
    if (shared == null) {
      synchronized (GithubOpenApi.class) {
        if (shared == null) {
          shared =
              OpenApiInteractionValidator.createForInlineApiSpecification(Fixtures.text(RESOURCE))
                  .build();
        }
      }
    }
    return shared;
  }
}

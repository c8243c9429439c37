package dev.provenanceaction.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fulcio's published REST description ({@code fulcio.swagger.json} of sigstore/fulcio, Swagger 2.0)
 * as a validator of the requests the test Fulcio receives and the answers it gives.
 *
 * <p>One correction, made in memory: the description lists both members of the request's {@code
 * oneof key} ({@code publicKeyRequest} and {@code certificateSigningRequest}) as required, which no
 * client can meet; sigstore-js and sigstore-go send only {@code publicKeyRequest}. So {@code
 * certificateSigningRequest} is dropped from {@code required}; {@code publicKeyRequest} stays.
 */
public final class FulcioOpenApi {
  static final String RESOURCE = "/fulcio/fulcio.swagger.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile OpenApiInteractionValidator shared;

  private FulcioOpenApi() {}

  /** The problems the description finds with a request, one line each; empty if it allows it. */
  public static List<String> requestViolations(
      String method, String path, Map<String, List<String>> headers, byte[] body) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    headers.forEach(request::withHeader);
    if (body != null && body.length > 0) {
      request.withBody(body);
    }
    return errors(validator().validateRequest(request.build()));
  }

  /** The problems the description finds with an answer of {@code POST /api/v2/signingCert}. */
  public static List<String> responseViolations(int status, String body) {
    SimpleResponse response =
        SimpleResponse.Builder.status(status)
            .withContentType("application/json")
            .withBody(body)
            .build();
    return errors(
        validator().validateResponse("/api/v2/signingCert", Request.Method.POST, response));
  }

  private static List<String> errors(ValidationReport report) {
    return report.getMessages().stream()
        .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
        .map(message -> message.getKey() + ": " + message.getMessage())
        .collect(Collectors.toList());
  }

  private static OpenApiInteractionValidator validator() {
    if (shared == null) {
      synchronized (FulcioOpenApi.class) {
        if (shared == null) {
          shared = OpenApiInteractionValidator.createForInlineApiSpecification(read()).build();
        }
      }
    }
    return shared;
  }

  private static String read() {
    try (InputStream in = FulcioOpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      ObjectNode description = (ObjectNode) JSON.readTree(in);
      ArrayNode required =
          (ArrayNode)
              description.at("/definitions/fulciov2CreateSigningCertificateRequest/required");
      for (int i = required.size() - 1; i >= 0; i--) {
        if (required.get(i).asText().equals("certificateSigningRequest")) {
          required.remove(i);
        }
      }
      return JSON.writeValueAsString(description);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

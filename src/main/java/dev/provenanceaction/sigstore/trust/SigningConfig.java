package dev.provenanceaction.sigstore.trust;

import dev.provenanceaction.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an instance's services are: the parts of {@code
 * application/vnd.dev.sigstore.signingconfig.v0.2+json} this action uses.
 *
 * @param fulcioUrl the certificate authority (Fulcio v2 REST API)
 * @param rekorUrl the transparency log (Rekor v1 API; Rekor v2 entries are not written)
 */
public record SigningConfig(URI fulcioUrl, URI rekorUrl) {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

  /**
   * Picks, from the services valid now, the first certificate authority and the first Rekor v1 log.
   *
   * @throws IOException when the file is not a v0.2 signing config or names no usable service
   */
  public static SigningConfig parse(byte[] json, Instant now) throws IOException {
    JsonValue root = JsonValue.parse(json);
    String mediaType = root.get("mediaType").asText();
    if (!MEDIA_TYPE.equals(mediaType)) {
      throw new IOException(
          "signing config has mediaType '" + mediaType + "', expected " + MEDIA_TYPE);
    }
    URI fulcio =
        pick(root.get("caUrls"), now)
            .orElseThrow(() -> new IOException("signing config has no caUrls entry valid now"));
    URI rekor =
        pick(root.get("rekorTlogUrls"), now)
            .orElseThrow(
                () ->
                    new IOException(
                        "signing config has no rekorTlogUrls entry with majorApiVersion 1 valid"
                            + " now (Rekor v2 logs are not supported)"));
    return new SigningConfig(fulcio, rekor);
  }

  private static Optional<URI> pick(JsonValue services, Instant now) {
    for (JsonValue service : services.elements()) {
      if (service.get("majorApiVersion").asInt(1) != 1 || !validAt(service.get("validFor"), now)) {
        continue;
      }
      String url = service.get("url").asText("");
      if (!url.isEmpty()) {
        return Optional.of(URI.create(url));
      }
    }
    return Optional.empty();
  }

  private static boolean validAt(JsonValue validFor, Instant now) {
    if (validFor.hasNonNull("start")
        && now.isBefore(Instant.parse(validFor.get("start").asText()))) {
      return false;
    }
    return !validFor.hasNonNull("end") || !now.isAfter(Instant.parse(validFor.get("end").asText()));
  }
}

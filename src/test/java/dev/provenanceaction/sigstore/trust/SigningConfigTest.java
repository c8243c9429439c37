package dev.provenanceaction.sigstore.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningConfigTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static SigningConfig parse(String json) throws IOException {
    return SigningConfig.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void picksTheFirstServiceValidNowAndRekorV1() throws IOException {
    SigningConfig config =
        parse(
            """
            {"mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
             "caUrls": [
               {"url": "https://expired.example", "majorApiVersion": 1,
                "validFor": {"start": "2020-01-01T00:00:00Z", "end": "2024-01-01T00:00:00Z"}},
               {"url": "https://future.example",
                "validFor": {"start": "2030-01-01T00:00:00Z"}},
               {"url": "https://fulcio.example", "majorApiVersion": 1,
                "validFor": {"start": "2022-04-13T20:06:15.000Z", "end": null}}],
             "rekorTlogUrls": [
               {"url": "https://rekor-v2.example", "majorApiVersion": 2,
                "validFor": {"start": "2022-01-01T00:00:00Z"}},
               {"url": "", "majorApiVersion": 1, "validFor": {}},
               {"url": "https://rekor.example", "majorApiVersion": "1", "validFor": {}}]}
            """);

    assertEquals(URI.create("https://fulcio.example"), config.fulcioUrl());
    assertEquals(URI.create("https://rekor.example"), config.rekorUrl());
  }

  @Test
  void refusesAnotherMediaTypeOrNoUsableService() {
    IOException wrongType =
        assertThrows(IOException.class, () -> parse("{\"mediaType\": \"v0.1\"}"));
    assertEquals(
        "signing config has mediaType 'v0.1', expected " + SigningConfig.MEDIA_TYPE,
        wrongType.getMessage());
    IOException noRekor =
        assertThrows(
            IOException.class,
            () ->
                parse(
                    "{\"mediaType\": \""
                        + SigningConfig.MEDIA_TYPE
                        + "\", \"caUrls\": [{\"url\": \"https://f.example\"}],"
                        + " \"rekorTlogUrls\": [{\"url\": \"https://r.example\","
                        + " \"majorApiVersion\": 2}]}"));
    assertEquals(
        "signing config has no rekorTlogUrls entry with majorApiVersion 1 valid now (Rekor v2"
            + " logs are not supported)",
        noRekor.getMessage());
    assertThrows(IOException.class, () -> parse("not json"));
  }
}

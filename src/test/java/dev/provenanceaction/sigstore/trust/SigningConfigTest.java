package dev.provenanceaction.sigstore.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningConfigTest {
  private static final String DIR = "real/signing-config/";
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static SigningConfig parse(String json) throws IOException {
    return SigningConfig.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private static SigningConfig real(String name, String now) throws IOException {
    String path = name.startsWith("real/") ? name : DIR + name;
    return SigningConfig.parse(Fixtures.bytes(path), Instant.parse(now));
  }

  private static SigningConfig.Service v1(String url) {
    return new SigningConfig.Service(URI.create(url), 1);
  }

  private static SigningConfig.Service v2(String url) {
    return new SigningConfig.Service(URI.create(url), 2);
  }

  @Test
  void publicGoodDefaultSelectsRekorV1BeforeItsV2LogStartsAndV2FromThen() throws IOException {
    SigningConfig before = real("public-good-signing_config.v0.2.json", "2025-10-05T23:59:59Z");
    assertEquals(URI.create("https://fulcio.sigstore.dev"), before.fulcioUrl());
    assertEquals(v1("https://rekor.sigstore.dev"), before.transparencyLog());
    assertEquals(
        List.of(URI.create("https://timestamp.sigstore.dev/api/v1/timestamp")),
        before.timestampAuthorities());

    SigningConfig atStart = real("public-good-signing_config.v0.2.json", "2025-10-06T00:00:00Z");
    assertEquals(v2("https://log2025-1.rekor.sigstore.dev"), atStart.transparencyLog());
  }

  @Test
  void aRunThatCanHoldOnlyRekorV1EntriesTakesPublicGoodsV1LogAndRefusesAV2OnlyConfig()
      throws IOException {
    byte[] publicGood = Fixtures.bytes(DIR + "public-good-signing_config.v0.2.json");
    SigningConfig v1Only =
        SigningConfig.parse(publicGood, Instant.parse("2026-12-01T00:00:00Z"), List.of(1));
    assertEquals(v1("https://rekor.sigstore.dev"), v1Only.transparencyLog());

    String onlyV2 =
        new String(publicGood, StandardCharsets.UTF_8)
            .replace("\"https://rekor.sigstore.dev\",\n      \"majorApiVersion\": 1", "X");
    assertTrue(onlyV2.contains("X"), "the v1 log entry was not found to remove");
    String config = onlyV2.replaceFirst(",\\s*\\{\\s*\"url\": X[^}]*\\}[^}]*\\}", "");
    IOException refused =
        assertThrows(
            IOException.class,
            () ->
                SigningConfig.parse(
                    config.getBytes(StandardCharsets.UTF_8),
                    Instant.parse("2026-12-01T00:00:00Z"),
                    List.of(1)));
    assertEquals(
        "signing config has no rekorTlogUrls entry of majorApiVersion 1 (the only one this run"
            + " can use) valid now",
        refused.getMessage());
  }

  @Test
  void publicGoodRekorV2TargetSelectsTheV2LogFrom2026() throws IOException {
    String name = "public-good-signing_config_rekor_v2.v0.2.json";
    assertEquals(
        v1("https://rekor.sigstore.dev"), real(name, "2025-12-31T23:59:59Z").transparencyLog());
    SigningConfig config = real(name, "2026-12-01T00:00:00Z");
    assertEquals(v2("https://log2025-1.rekor.sigstore.dev"), config.transparencyLog());
    assertEquals(
        List.of(URI.create("https://timestamp.sigstore.dev/api/v1/timestamp")),
        config.timestampAuthorities());
  }

  @Test
  void stagingSelectsItsGlobalV2LogFromJune2026() throws IOException {
    String name = RealFiles.STAGING_SIGNING_CONFIG;
    SigningConfig before = real(name, "2026-06-11T23:59:59Z");
    assertEquals(URI.create("https://fulcio.sigstage.dev"), before.fulcioUrl());
    assertEquals(v1("https://rekor.sigstage.dev"), before.transparencyLog());
    SigningConfig after = real(name, "2026-12-01T00:00:00Z");
    assertEquals(v2("https://global.rekor.sigstage.dev"), after.transparencyLog());
    assertEquals(
        List.of(URI.create("https://timestamp.sigstage.dev/api/v1/timestamp")),
        after.timestampAuthorities());
  }

  @Test
  void theRealStagingTrustRootHasTheKeyFormsTheStagingConfigsServicesNeed() throws IOException {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(RealFiles.STAGING_ROOT_WITH_REKOR_V2));
    assertEquals(
        List.of("PKIX_ECDSA_P256_SHA_256", "PKIX_ED25519"),
        root.transparencyLogs().stream()
            .map(TrustedRoot.Log::keyDetails)
            .distinct()
            .sorted()
            .toList());
    assertEquals(
        List.of("https://timestamp.sigstage.dev/api/v1/timestamp"),
        root.timestampAuthorities().stream().map(tsa -> tsa.uri().toString()).toList());
  }

  @Test
  void sigstorePythonConfigsSkipTheExpiredCaAndPreferV2() throws IOException {
    SigningConfig both = real("sigstore-python-signingconfig.v2.json", "2025-06-01T00:00:00Z");
    assertEquals(URI.create("https://fulcio.example.com"), both.fulcioUrl());
    assertEquals(v2("https://rekor-v2.example.com"), both.transparencyLog());
    assertEquals(
        v1("https://rekor.example.com"),
        real("sigstore-python-signingconfig-only-v1-rekor.v2.json", "2025-06-01T00:00:00Z")
            .transparencyLog());
    // Before the only TSA starts, a v1 log still signs, with no timestamp.
    SigningConfig early =
        real("sigstore-python-signingconfig-only-v1-rekor.v2.json", "2024-01-01T00:00:00Z");
    assertEquals(List.of(), early.timestampAuthorities());
    // A second before the new CA starts, the old one; at its start both are valid, the newest wins.
    String onlyV1 = "sigstore-python-signingconfig-only-v1-rekor.v2.json";
    assertEquals(
        URI.create("https://fulcio-old.example.com"),
        real(onlyV1, "2023-04-14T21:38:39Z").fulcioUrl());
    assertEquals(
        URI.create("https://fulcio.example.com"), real(onlyV1, "2023-04-14T21:38:40Z").fulcioUrl());
  }

  @Test
  void aV2LogWithoutATimestampAuthorityValidNowIsRefused() {
    IOException noTsa =
        assertThrows(
            IOException.class,
            () -> real("sigstore-python-signingconfig.v2.json", "2024-01-01T00:00:00Z"));
    assertEquals(
        "signing config selects the Rekor v2 log https://rekor-v2.example.com but no tsaUrls"
            + " entry valid now: its entries carry no time of their own",
        noTsa.getMessage());
  }

  private static final String HEAD =
      "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
          + " \"caUrls\": [{\"url\": \"https://fulcio.example\", \"majorApiVersion\": 1}],"
          + " \"rekorTlogUrls\": [{\"url\": \"https://rekor.example\", \"majorApiVersion\": 1}],";

  private static String tsas(String config) {
    return HEAD
        + " \"tsaUrls\": ["
        + "{\"url\": \"https://a.example/ts\", \"majorApiVersion\": 1, \"operator\": \"a\","
        + "  \"validFor\": {\"start\": \"2024-01-01T00:00:00Z\"}},"
        + "{\"url\": \"https://a-old.example/ts\", \"majorApiVersion\": 1, \"operator\": \"a\","
        + "  \"validFor\": {\"start\": \"2023-01-01T00:00:00Z\"}},"
        + "{\"url\": \"https://b.example/ts\", \"majorApiVersion\": 1, \"operator\": \"b\","
        + "  \"validFor\": {\"start\": \"2022-01-01T00:00:00Z\"}},"
        + "{\"url\": \"https://expired.example/ts\", \"majorApiVersion\": 1, \"operator\": \"c\","
        + "  \"validFor\": {\"start\": \"2022-01-01T00:00:00Z\", \"end\": \"2025-05-31T23:59:59Z\"}},"
        + "{\"url\": \"https://future.example/ts\", \"majorApiVersion\": 1, \"operator\": \"d\","
        + "  \"validFor\": {\"start\": \"2025-06-01T00:00:01Z\"}},"
        + "{\"url\": \"https://v2.example/ts\", \"majorApiVersion\": 2, \"operator\": \"e\"}],"
        + " \"tsaConfig\": "
        + config
        + "}";
  }

  @Test
  void selectorsPickTheNewestServiceOfEachOperatorValidNow() throws IOException {
    URI a = URI.create("https://a.example/ts");
    URI b = URI.create("https://b.example/ts");
    assertEquals(List.of(a, b), parse(tsas("{\"selector\": \"ALL\"}")).timestampAuthorities());
    assertEquals(List.of(a), parse(tsas("{\"selector\": \"ANY\"}")).timestampAuthorities());
    assertEquals(
        List.of(a, b),
        parse(tsas("{\"selector\": \"EXACT\", \"count\": 2}")).timestampAuthorities());
    assertEquals(
        List.of(a), parse(tsas("{\"selector\": \"EXACT\", \"count\": 1}")).timestampAuthorities());
    // validFor.end is inclusive: at that instant the service still counts.
    byte[] all = tsas("{\"selector\": \"ALL\"}").getBytes(StandardCharsets.UTF_8);
    assertEquals(
        List.of(a, b, URI.create("https://expired.example/ts")),
        SigningConfig.parse(all, Instant.parse("2025-05-31T23:59:59Z")).timestampAuthorities());
  }

  @Test
  void anExactCountBeyondTheOperatorsValidNowOrAnUnknownSelectorIsRefused() {
    IOException tooMany =
        assertThrows(
            IOException.class, () -> parse(tsas("{\"selector\": \"EXACT\", \"count\": 3}")));
    assertEquals(
        "signing config tsaConfig asks for EXACT 3 services, but tsaUrls has 2 of distinct"
            + " operators valid now",
        tooMany.getMessage());
    assertThrows(IOException.class, () -> parse(tsas("{\"selector\": \"EXACT\"}")));
    IOException unknown =
        assertThrows(IOException.class, () -> parse(tsas("{\"selector\": \"SOME\"}")));
    assertEquals(
        "signing config tsaConfig.selector is 'SOME', expected ANY, ALL or EXACT",
        unknown.getMessage());
  }

  @Test
  void severalLogsSelectedAreRefusedForABundleHoldsOneEntry() {
    String json =
        "{\"mediaType\": \"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
            + " \"caUrls\": [{\"url\": \"https://fulcio.example\", \"majorApiVersion\": 1}],"
            + " \"rekorTlogUrls\": ["
            + "{\"url\": \"https://r1.example\", \"majorApiVersion\": 1, \"operator\": \"x\"},"
            + "{\"url\": \"https://r2.example\", \"majorApiVersion\": 1, \"operator\": \"y\"}],"
            + " \"rekorTlogConfig\": {\"selector\": \"ALL\"}}";
    IOException several = assertThrows(IOException.class, () -> parse(json));
    assertEquals(
        "signing config selects 2 transparency logs; this action writes one log entry per bundle",
        several.getMessage());
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
                        + "\", \"caUrls\": [{\"url\": \"https://f.example\","
                        + " \"majorApiVersion\": 1}],"
                        + " \"rekorTlogUrls\": [{\"url\": \"https://r.example\","
                        + " \"majorApiVersion\": 3}]}"));
    assertEquals(
        "signing config has no rekorTlogUrls entry of majorApiVersion 1 or 2 valid now",
        noRekor.getMessage());
    IOException badTime =
        assertThrows(
            IOException.class,
            () ->
                parse(
                    "{\"mediaType\": \""
                        + SigningConfig.MEDIA_TYPE
                        + "\", \"caUrls\": [{\"url\": \"https://f.example\","
                        + " \"majorApiVersion\": 1, \"validFor\": {\"start\": \"yesterday\"}}]}"));
    assertEquals(
        "signing config caUrls validFor.start 'yesterday' is not a time", badTime.getMessage());
    assertThrows(IOException.class, () -> parse("not json"));
  }
}

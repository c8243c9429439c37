package dev.provenanceaction.sigstore.trust;

import dev.provenanceaction.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The services a {@code application/vnd.dev.sigstore.signingconfig.v0.2+json} selects for signing
 * now, chosen as sigstore-go's {@code SelectService}/{@code SelectServices} choose: of the services
 * valid now (both ends of {@code validFor} inclusive), newest start first, those of the highest API
 * version this client speaks, one per operator, then as many as the {@code rekorTlogConfig} or
 * {@code tsaConfig} selector says ({@code ANY}: one, {@code ALL}: every one, {@code EXACT}: its
 * {@code count}). Where sigstore-go picks at random among equals, this takes the newest, so a run
 * can be repeated.
 *
 * @param fulcioUrl the certificate authority (Fulcio, REST API v2, {@code majorApiVersion} 1)
 * @param transparencyLog the log to write the entry to
 * @param timestampAuthorities the RFC 3161 timestamp authorities to ask, maybe none
 */
public record SigningConfig(
    URI fulcioUrl, Service transparencyLog, List<URI> timestampAuthorities) {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";
  private static final List<Integer> CA_VERSIONS = List.of(1);

  /** The Rekor API versions this client speaks, the preferred first. */
  public static final List<Integer> REKOR_VERSIONS = List.of(2, 1);

  private static final List<Integer> TSA_VERSIONS = List.of(1);

  public SigningConfig {
    timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /**
   * A selected service.
   *
   * @param url its base URL
   * @param majorApiVersion the API version to speak to it (Rekor: 1 or 2)
   */
  public record Service(URI url, int majorApiVersion) {}

  /**
   * Selects the services to sign with at {@code now}.
   *
   * @throws IOException naming the field when the file is not a v0.2 signing config, lists no
   *     usable service where one is needed, or asks for more services than it lists; also when it
   *     selects several logs (a bundle here holds one entry) or a Rekor v2 log without a timestamp
   *     authority (its entries carry no time)
   */
  public static SigningConfig parse(byte[] json, Instant now) throws IOException {
    return parse(json, now, REKOR_VERSIONS);
  }

  /**
   * Selects the services as {@link #parse(byte[], Instant)} does, with only the Rekor API versions
   * the caller's output can hold (a PEP 740 attestation needs a Rekor v1 entry).
   *
   * @param rekorVersions some of {@link #REKOR_VERSIONS}, the preferred first
   */
  public static SigningConfig parse(byte[] json, Instant now, List<Integer> rekorVersions)
      throws IOException {
    JsonValue root = JsonValue.parse(json);
    String mediaType = root.get("mediaType").asText();
    if (!MEDIA_TYPE.equals(mediaType)) {
      throw new IOException(
          "signing config has mediaType '" + mediaType + "', expected " + MEDIA_TYPE);
    }
    List<Service> cas = select(root, "caUrls", null, CA_VERSIONS, now);
    if (cas.isEmpty()) {
      throw new IOException("signing config has no caUrls entry of majorApiVersion 1 valid now");
    }
    List<Service> logs = select(root, "rekorTlogUrls", "rekorTlogConfig", rekorVersions, now);
    if (logs.isEmpty()) {
      throw new IOException(
          "signing config has no rekorTlogUrls entry of majorApiVersion "
              + (rekorVersions.size() == 1
                  ? rekorVersions.get(0) + " (the only one this run can use)"
                  : "1 or 2")
              + " valid now");
    }
    if (logs.size() > 1) {
      throw new IOException(
          "signing config selects "
              + logs.size()
              + " transparency logs; this action writes one log entry per bundle");
    }
    List<URI> tsas = new ArrayList<>();
    for (Service tsa : select(root, "tsaUrls", "tsaConfig", TSA_VERSIONS, now)) {
      tsas.add(tsa.url());
    }
    if (logs.get(0).majorApiVersion() == 2 && tsas.isEmpty()) {
      throw new IOException(
          "signing config selects the Rekor v2 log "
              + logs.get(0).url()
              + " but no tsaUrls entry valid now: its entries carry no time of their own");
    }
    return new SigningConfig(cas.get(0).url(), logs.get(0), tsas);
  }

  private record Listed(Service service, Instant start, Instant end, String operator) {
    boolean validAt(Instant now) {
      return (start == null || !now.isBefore(start)) && (end == null || !now.isAfter(end));
    }
  }

  private static List<Service> select(
      JsonValue root, String field, String configField, List<Integer> versions, Instant now)
      throws IOException {
    List<Listed> listed = new ArrayList<>();
    for (JsonValue entry : root.get(field).elements()) {
      listed.add(listed(entry, field));
    }
    listed.sort(
        Comparator.comparing(Listed::start, Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed());
    List<Service> selectable = new ArrayList<>();
    for (int version : versions) {
      Set<String> operators = new HashSet<>();
      for (Listed candidate : listed) {
        if (candidate.service().majorApiVersion() == version
            && candidate.validAt(now)
            && operators.add(candidate.operator())) {
          selectable.add(candidate.service());
        }
      }
      if (!selectable.isEmpty()) {
        break;
      }
    }
    if (configField == null || selectable.isEmpty()) {
      return selectable.isEmpty() ? selectable : selectable.subList(0, 1);
    }
    JsonValue config = root.get(configField);
    String selector = config.get("selector").asText("ANY");
    switch (selector) {
      case "ALL":
        return selectable;
      case "ANY":
        return selectable.subList(0, 1);
      case "EXACT":
        int count = config.get("count").asInt(0);
        if (count < 1 || count > selectable.size()) {
          throw new IOException(
              "signing config "
                  + configField
                  + " asks for EXACT "
                  + count
                  + " services, but "
                  + field
                  + " has "
                  + selectable.size()
                  + " of distinct operators valid now");
        }
        return selectable.subList(0, count);
      default:
        throw new IOException(
            "signing config "
                + configField
                + ".selector is '"
                + selector
                + "', expected ANY, ALL or EXACT");
    }
  }

  private static Listed listed(JsonValue entry, String field) throws IOException {
    String url = entry.get("url").asText("");
    if (url.isEmpty()) {
      throw new IOException("signing config " + field + " has an entry without url");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IOException("signing config " + field + " url '" + url + "' is not a URL", e);
    }
    JsonValue validFor = entry.get("validFor");
    return new Listed(
        // protobuf JSON may write a uint32 as a string; absent is 0, a version nobody speaks
        new Service(uri, entry.get("majorApiVersion").asInt(0)),
        time(validFor, "start", field),
        time(validFor, "end", field),
        entry.get("operator").asText(""));
  }

  private static Instant time(JsonValue validFor, String end, String field) throws IOException {
    if (!validFor.hasNonNull(end)) {
      return null;
    }
    String text = validFor.get(end).asText();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IOException(
          "signing config " + field + " validFor." + end + " '" + text + "' is not a time", e);
    }
  }
}

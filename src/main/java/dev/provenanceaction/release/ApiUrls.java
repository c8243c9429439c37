package dev.provenanceaction.release;

import java.net.URI;

/** Addresses under {@code GITHUB_API_URL}, which on GHES has a path ({@code /api/v3}). */
final class ApiUrls {
  private ApiUrls() {}

  static URI resolve(URI apiUrl, String relativePath) {
    String base = apiUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + relativePath);
  }
}

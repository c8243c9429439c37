package dev.provenanceaction.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.sigstore.tuf.RootProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Public-good's real root history after version 12 on loopback HTTPS, laid out as its TUF
 * repository: {@code 13.root.json} to {@code 15.root.json} (src/test/resources/real,
 * tuf/public-good-history/) and {@code 16.root.json}, the first root {@link TufMirror#PUBLIC_GOOD}
 * ships; every other file is absent. A client that starts from version 12 walks the roots as a
 * public-good run walks them, then finds no {@code timestamp.json}: nobody here holds public-good's
 * timestamp key. Counts the files asked for.
 */
public final class RealRootHistory implements AutoCloseable {
  /** The first root a client of this history starts from. */
  public static final RootProvider VERSION_12 =
      () -> Fixtures.text("real/tuf/public-good-history/12.root.json");

  /** A time when root 16 is valid (it expires on 2027-04-22), so that a walk to it outlives it. */
  public static final Clock WHILE_16_IS_VALID =
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  private final TestTls tls;
  private final Map<String, byte[]> files = new HashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final LoopbackHttps https;

  private RealRootHistory(TestTls tls) throws IOException {
    this.tls = tls;
    for (int version = 13; version <= 15; version++) {
      String name = version + ".root.json";
      files.put(name, Fixtures.bytes("real/tuf/public-good-history/" + name));
    }
    files.put(
        "16.root.json", TufMirror.PUBLIC_GOOD.initialRoot().get().getBytes(StandardCharsets.UTF_8));
    https = LoopbackHttps.start(tls, this::handle);
  }

  public static RealRootHistory start(TestTls tls) {
    try {
      return new RealRootHistory(tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This history as public-good's repository, for a client whose first root is {@code first}. */
  public TufMirror mirror(RootProvider first) {
    return TufMirror.of("public-good", https.baseUrl(), first, tls.clientTrust());
  }

  /** Every file asked for, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().replaceFirst("^/", "");
    requests.add(path);
    LoopbackHttps.respondJsonFile(exchange, files.get(path));
  }

  @Override
  public void close() {
    https.close();
  }
}

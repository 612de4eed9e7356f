package dev.looplab.observe;

import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * Scrapes a lab server's {@code /metrics} for its loop figures. An experiment takes one reading
 * before its calls and one after: {@code after.since(before)} is what the server went through.
 */
public final class LoopReadingsClient {
  private LoopReadingsClient() {}

  /** The same, for a base URL such as {@code http://127.0.0.1:8080} (http only; its path is ignored). */
  public static Future<LoopReadings> read(WebClient client, URI baseUrl) {
    int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : 80;
    return read(client, baseUrl.getHost(), port);
  }

  /** Fails with a one-line reason when the server has no /metrics (instrumentation off, not a lab server). */
  public static Future<LoopReadings> read(WebClient client, String host, int port) {
    return client.get(port, host, "/metrics").timeout(10_000).send()
        .compose(response -> response.statusCode() == 200
            ? Future.succeededFuture(response)
            : Future.failedFuture("GET /metrics on " + host + ":" + port + " answered " + response.statusCode()
                + (response.statusCode() == 503 ? " (server started with --instrumentation off)" : "")))
        .map(LoopReadingsClient::parse);
  }

  private static LoopReadings parse(HttpResponse<Buffer> response) {
    return LoopReadings.parse(response.bodyAsString());
  }
}

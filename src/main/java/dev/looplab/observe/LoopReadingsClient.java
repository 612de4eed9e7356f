package dev.looplab.observe;

import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;

/**
 * Scrapes a lab server's {@code /metrics} for its loop figures. An experiment takes one reading
 * before its calls and one after: {@code after.since(before)} is what the server went through.
 */
public final class LoopReadingsClient {
  private LoopReadingsClient() {}

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

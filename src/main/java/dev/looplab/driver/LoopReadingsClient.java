package dev.looplab.driver;

import dev.looplab.model.LoopReadings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a lab server's loop figures from its {@code /loops} JSON. An experiment takes one reading
 * before its calls and one after: {@code after.since(before)} is what the server went through,
 * provided both came from the same process.
 */
public final class LoopReadingsClient {
  private static final long TIMEOUT_MS = 10_000;

  private LoopReadingsClient() {}

  /**
   * Reads {@code /loops} at the base URL's own scheme, host and port (https on 443 when no port is
   * given). Fails with a one-line reason when the server has none (instrumentation off, not a lab server).
   */
  public static Future<LoopReadings> read(WebClient client, URI baseUrl) {
    String url = baseUrl.resolve("/loops").toString();
    return client.getAbs(url).timeout(TIMEOUT_MS).send()
        .recover(failure -> Future.failedFuture("GET " + url + " failed: " + failure.getMessage()))
        .compose(response -> response.statusCode() == 200
            ? Future.succeededFuture(response.bodyAsString())
            : Future.failedFuture("GET " + url + " answered " + response.statusCode()
                + (response.statusCode() == 503 ? " (server started with --instrumentation off)" : "")))
        .map(body -> fromJson(url, body));
  }

  static LoopReadings fromJson(String url, String body) {
    JsonObject loops;
    try {
      loops = new JsonObject(body);
    } catch (RuntimeException notJson) {
      throw new IllegalArgumentException(url + " did not answer JSON; is it a looplab server?");
    }
    if (loops.getString("app_instance_id") == null || loops.getJsonArray("event_loops") == null) {
      throw new IllegalArgumentException(url + " is not a looplab /loops answer: " + abbreviated(body));
    }
    return fromJson(loops);
  }

  /** Sums over the loops; the window's figures are the worst loop's. */
  static LoopReadings fromJson(JsonObject loops) {
    List<Double> bounds = loops.getJsonArray("lag_bounds_seconds", new JsonArray()).stream()
        .map(b -> ((Number) b).doubleValue()).toList();
    Map<Double, Double> probesByBound = new TreeMap<>();
    double delay = 0;
    double windowMax = 0;
    double windowP99 = 0;
    for (Object item : loops.getJsonArray("event_loops")) {
      JsonObject loop = (JsonObject) item;
      JsonArray atMost = loop.getJsonArray("probes_at_most", new JsonArray());
      for (int i = 0; i < Math.min(bounds.size(), atMost.size()); i++) {
        probesByBound.merge(bounds.get(i), atMost.getLong(i).doubleValue(), Double::sum);
      }
      probesByBound.merge(Double.POSITIVE_INFINITY, loop.getLong("probes", 0L).doubleValue(), Double::sum);
      delay += loop.getDouble("lag_total_seconds", 0.0);
      JsonObject window = loop.getJsonObject("window", new JsonObject());
      windowMax = Math.max(windowMax, window.getDouble("max_seconds", 0.0));
      windowP99 = Math.max(windowP99, window.getDouble("p99_seconds", 0.0));
    }
    return new LoopReadings(loops.getString("app_instance_id"), counts(loops.getJsonObject("blocked_episodes")),
        counts(loops.getJsonObject("blocked_episodes_during_gc")), delay, windowMax, windowP99, probesByBound);
  }

  private static Map<String, Double> counts(JsonObject byRoute) {
    Map<String, Double> counts = new TreeMap<>();
    if (byRoute != null) {
      byRoute.forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    }
    return counts;
  }

  private static String abbreviated(String body) {
    String line = body.replaceAll("\\s+", " ").strip();
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}

package dev.looplab.driver;

import dev.looplab.driver.PrometheusText.Sample;
import dev.looplab.model.LoopReadings;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
    return parse(response.bodyAsString());
  }

  static final String BLOCKED = "looplab_blocked_episodes_total";
  static final String DELAY = "looplab_event_loop_delay_seconds_total";
  static final String LAG_MAX = "looplab_event_loop_lag_max_seconds";
  static final String LAG = "looplab_event_loop_lag_seconds";
  static final String PROBES_BY_LAG = "looplab_event_loop_probes_by_lag_total";

  /** Reads the figures out of a scrape; fails when the text is not Prometheus text or lacks the lab's meters. */
  static LoopReadings parse(String prometheusText) {
    List<Sample> samples = PrometheusText.parse(prometheusText);
    if (samples.stream().noneMatch(s -> s.name().equals(DELAY))) {
      throw new IllegalArgumentException("the scrape has no " + DELAY + "; is the server's instrumentation on?");
    }
    return new LoopReadings(
        blocked(samples, "false"),
        blocked(samples, "true"),
        samples.stream().filter(s -> s.name().equals(DELAY)).mapToDouble(Sample::value).sum(),
        samples.stream().filter(s -> s.name().equals(LAG_MAX)).mapToDouble(Sample::value).max().orElse(0),
        samples.stream().filter(s -> s.name().equals(LAG) && "0.99".equals(s.label("quantile")))
            .mapToDouble(Sample::value).max().orElse(0),
        samples.stream().filter(s -> s.name().equals(PROBES_BY_LAG) && s.label("le") != null)
            .collect(Collectors.toMap(s -> bound(s.label("le")), Sample::value, Double::sum, TreeMap::new)));
  }

  private static double bound(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  private static Map<String, Double> blocked(List<Sample> samples, String gc) {
    return samples.stream()
        .filter(s -> s.name().equals(BLOCKED) && gc.equals(s.label("gc")))
        .collect(Collectors.toMap(s -> s.label("route"), Sample::value, Double::sum, TreeMap::new));
  }
}

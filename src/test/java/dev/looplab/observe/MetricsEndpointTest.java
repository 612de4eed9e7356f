package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.driver.LoopReadingsClient;
import dev.looplab.observe.PrometheusText.Sample;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {

  @Test
  void metricsIsPrometheusTextWithTheLabsAndVertxMeters() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      lab.get("/say-hi");
      HttpResponse<Buffer> response = lab.get("/metrics");
      assertEquals(200, response.statusCode());
      assertTrue(response.getHeader("content-type").startsWith("text/plain"), response.getHeader("content-type"));

      List<String> names = PrometheusText.parse(response.bodyAsString()).stream()
          .map(Sample::name).distinct().collect(Collectors.toList());
      for (String expected : List.of(
          "looplab_event_loop_lag_seconds_bucket", "looplab_event_loop_lag_seconds_count",
          "looplab_event_loop_lag_seconds_sum", "looplab_event_loop_lag_seconds_max", "looplab_event_loop_lag_peak_seconds",
          "looplab_blocked_episodes_total", "looplab_requests_in_flight",
          "looplab_worker_tasks_queued", "looplab_worker_tasks_active",
          "vertx_http_server_requests_total", "vertx_pool_in_use", "jvm_memory_used_bytes")) {
        assertTrue(names.contains(expected), expected + " missing from " + names);
      }
    }
  }

  @Test
  void countersMoveWithTraffic() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      lab.get("/say-hi");
      List<Sample> before = scrape(lab);
      for (int i = 0; i < 5; i++) {
        lab.get("/say-hi");
      }
      lab.get("/standard-run?ms=100");
      List<Sample> after = scrape(lab);

      assertTrue(sum(after, "vertx_http_server_requests_total") - sum(before, "vertx_http_server_requests_total") >= 7);
      assertTrue(sum(after, "looplab_event_loop_lag_seconds_count") > sum(before, "looplab_event_loop_lag_seconds_count"));
      // the scrape itself is the only request in flight while it runs
      assertEquals(1.0, sum(after, "looplab_requests_in_flight"));
    }
  }

  @Test
  void withInstrumentationOffMetricsSaysSoAndNothingIsTimed() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config().withInstrumentation(Instrumentation.OFF))) {
      HttpResponse<Buffer> metrics = lab.get("/metrics");
      assertEquals(503, metrics.statusCode());
      assertEquals("instrumentation_off", metrics.bodyAsJsonObject().getString("error"));
      HttpResponse<Buffer> standard = lab.get("/standard-run?ms=100");
      assertEquals(200, standard.statusCode());
      assertEquals(null, standard.getHeader("Server-Timing"));
      Throwable refused = assertThrows(Throwable.class, () -> LoopReadingsClient.read(lab.client, lab.baseUrl()).await());
      assertTrue(refused.getMessage().contains("--instrumentation off"), refused.getMessage());
    }
  }

  @Test
  void labModeKeepsTheLabsMetersAndDropsVertxsPerRequestHttpMeters() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config().withInstrumentation(Instrumentation.LAB))) {
      lab.get("/say-hi");
      HttpResponse<Buffer> response = lab.get("/say-hi");
      assertTrue(response.getHeader("Server-Timing") != null);
      List<String> names = PrometheusText.parse(lab.get("/metrics").bodyAsString()).stream()
          .map(Sample::name).distinct().collect(Collectors.toList());
      assertTrue(names.contains("looplab_event_loop_lag_seconds_count") && names.contains("vertx_pool_in_use"), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.startsWith("vertx_http_server_")), names.toString());
    }
  }

  private static List<Sample> scrape(ObservedServer lab) {
    return PrometheusText.parse(lab.get("/metrics").bodyAsString());
  }

  private static double sum(List<Sample> samples, String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }
}

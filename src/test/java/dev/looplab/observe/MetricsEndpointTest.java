package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.driver.LoopReadingsClient;
import dev.looplab.observe.PrometheusText.Sample;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsEndpointTest {

  @Test
  void metricsIsPrometheusTextWithTheLabsAndTheJvmsMetersButNoneOfVertxs() {
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
          "looplab_http_requests_seconds_count", "looplab_http_requests_seconds_sum", "looplab_http_requests_seconds_max",
          "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "process_cpu_usage")) {
        assertTrue(names.contains(expected), expected + " missing from " + names);
      }
      // vertx-micrometer costs ~100 ms of start and its per-request meters ~9 us CPU a request: only --instrumentation vertx has them
      assertTrue(names.stream().noneMatch(n -> n.startsWith("vertx_")), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.startsWith("looplab_http_requests_seconds_bucket")), "no histogram buckets");
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

      String count = "looplab_http_requests_seconds_count";
      assertTrue(sum(after, count) - sum(before, count) >= 7, sum(before, count) + " -> " + sum(after, count));
      Map<String, String> sayHi = Map.of("route", "/say-hi", "method", "GET", "code", "200");
      assertTrue(sum(after, count, sayHi) - sum(before, count, sayHi) >= 5, after.toString());
      Map<String, String> standard = Map.of("route", "/standard-run", "method", "GET", "code", "200");
      assertEquals(1.0, sum(after, count, standard) - sum(before, count, standard));
      // from arrival to the response's end: the standard run's 100 ms task is inside it
      assertTrue(max(after, "looplab_http_requests_seconds_max", standard) >= 0.1, after.toString());
      assertTrue(sum(after, "looplab_event_loop_lag_seconds_count") > sum(before, "looplab_event_loop_lag_seconds_count"));
      // the scrape itself is the only request in flight while it runs
      assertEquals(1.0, sum(after, "looplab_requests_in_flight"));
    }
  }

  @Test
  void aRequestRefusedByTheLimitIsTimedWithItsStatus() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config().withMaxConcurrency(1))) {
      // held long against what a busy machine can add between seeing it inside its route and the
      // next call arriving: that call must find the only place taken
      Future<HttpResponse<Buffer>> held = lab.client.get("/standard-run?ms=1500").send();
      Map<String, String> running = Map.of("route", "/standard-run");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sum(scrape(lab), "looplab_requests_in_flight", running) < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // each scrape is a request: wait for the held one to be inside its route
      }
      assertEquals(429, lab.get("/say-hi").statusCode());
      assertEquals(200, held.await().statusCode());
      List<Sample> after = scrape(lab);
      String count = "looplab_http_requests_seconds_count";
      assertEquals(1.0, sum(after, count, Map.of("route", "/say-hi", "method", "GET", "code", "429")), after.toString());
      assertEquals(1.0, sum(after, count, Map.of("route", "/standard-run", "method", "GET", "code", "200")));
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
  void vertxModeAddsVertxsPerRequestHttpMetersToTheLabsOwn() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config().withInstrumentation(Instrumentation.VERTX))) {
      lab.get("/say-hi");
      HttpResponse<Buffer> response = lab.get("/say-hi");
      assertTrue(response.getHeader("Server-Timing") != null);
      List<Sample> samples = scrape(lab);
      List<String> names = samples.stream().map(Sample::name).distinct().collect(Collectors.toList());
      assertTrue(names.contains("looplab_event_loop_lag_seconds_count") && names.contains("vertx_pool_in_use"), names.toString());
      assertTrue(sum(samples, "vertx_http_server_requests_total") >= 2, names.toString());
      assertTrue(sum(samples, "looplab_http_requests_seconds_count") >= 2, names.toString());
    }
  }

  private static List<Sample> scrape(ObservedServer lab) {
    return PrometheusText.parse(lab.get("/metrics").bodyAsString());
  }

  private static double sum(List<Sample> samples, String name) {
    return sum(samples, name, Map.of());
  }

  /** The sum over the series of {@code name} that carry all of {@code labels}. */
  private static double sum(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value).sum();
  }

  private static double max(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value).max().orElse(0);
  }
}

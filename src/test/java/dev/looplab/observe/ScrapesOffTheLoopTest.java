package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A scrape of /metrics is computed off the event loops: scraping never holds one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScrapesOffTheLoopTest {

  @Test
  void metricsAreReadOffTheLoop() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      List<String> readers = new CopyOnWriteArrayList<>();
      // a gauge is read by the thread that renders the scrape
      Gauge.builder("test.scrape.thread", () -> {
        readers.add(Thread.currentThread().getName());
        return 1;
      }).register(lab.observatory().registry());

      HttpResponse<Buffer> scrape = lab.get("/metrics");

      assertEquals(200, scrape.statusCode());
      assertEquals(1, readers.size(), readers::toString);
      assertFalse(readers.get(0).startsWith("vert.x-eventloop-thread-"), readers::toString);
      assertTrue(scrape.bodyAsString().contains("looplab_access_log_dropped_total "), "the access log's drops are published");
      assertTrue(scrape.bodyAsString().contains("looplab_log_lines_dropped_total "), "the console's drops are published");
    }
  }
}

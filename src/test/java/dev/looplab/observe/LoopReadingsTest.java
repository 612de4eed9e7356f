package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopReadingsTest {
  private static String scrape(int slowBlocked, int gcBlocked, double delay, double max) {
    return """
        looplab_blocked_episodes_total{gc="false",route="/slow-run"} %d.0
        looplab_blocked_episodes_total{gc="false",route="/say-hi"} 1.0
        looplab_blocked_episodes_total{gc="true",route="/say-hi"} %d.0
        looplab_event_loop_delay_seconds_total{event_loop="vert.x-eventloop-thread-0"} %s
        looplab_event_loop_delay_seconds_total{event_loop="vert.x-eventloop-thread-1"} 0.5
        looplab_event_loop_lag_max_seconds{event_loop="vert.x-eventloop-thread-0"} %s
        looplab_event_loop_lag_max_seconds{event_loop="vert.x-eventloop-thread-1"} 0.001
        looplab_event_loop_lag_seconds{event_loop="vert.x-eventloop-thread-0",quantile="0.99"} 0.25
        looplab_event_loop_lag_seconds{event_loop="vert.x-eventloop-thread-0",quantile="0.5"} 0.0001
        """.formatted(slowBlocked, gcBlocked, delay, max);
  }

  @Test
  void theDeltaIsWhatHappenedBetweenTwoScrapes() {
    LoopReadings before = LoopReadings.parse(scrape(2, 0, 1.0, 0.3));
    LoopReadings after = LoopReadings.parse(scrape(7, 1, 3.5, 1.9));
    LoopReadings.Delta during = after.since(before);

    assertEquals(Map.of("/slow-run", 5L), during.blockedByRoute());
    assertEquals(5, during.blockedEpisodes());
    assertEquals(1, during.blockedEpisodesDuringGc());
    assertEquals(2.5, during.delaySeconds(), 1e-9);
    assertEquals(1.9, during.lagMaxWindowSeconds(), 1e-9);
    assertEquals(0.25, during.lagP99WindowSeconds(), 1e-9);
    assertEquals("server: 5 blocked episode(s) (/slow-run 5), 1 more during GC pauses", during.describe().get(0));
    assertTrue(during.describe().get(1).contains("2.500 s late in total; lag over the last 60 s: max 1900.0 ms"));
  }

  @Test
  void aScrapeWithoutTheLabsMetersIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoopReadings.parse("vertx_pool_in_use 0.0\n"));
    assertTrue(e.getMessage().contains("instrumentation"));
  }
}

package dev.looplab.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.model.LoopReadings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopReadingsTest {
  private static String scrape(int slowBlocked, int gcBlocked, double delay, double max, int fast, int slow) {
    return buckets(fast, slow) + """
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

  /** Two loops: probes under 1 ms, and probes that were between 1 s and 2.5 s late. */
  private static String buckets(int fast, int slow) {
    StringBuilder text = new StringBuilder();
    for (String loop : new String[] {"vert.x-eventloop-thread-0", "vert.x-eventloop-thread-1"}) {
      int slowHere = loop.endsWith("0") ? slow : 0;
      for (String le : new String[] {"0.001", "0.5", "1.0", "2.5", "+Inf"}) {
        int count = le.equals("0.001") || le.equals("0.5") || le.equals("1.0") ? fast : fast + slowHere;
        text.append("looplab_event_loop_probes_by_lag_total{event_loop=\"").append(loop).append("\",le=\"").append(le)
            .append("\"} ").append(count).append(".0\n");
      }
    }
    return text.toString();
  }

  @Test
  void theDeltaIsWhatHappenedBetweenTwoScrapes() {
    LoopReadings before = LoopReadingsClient.parse(scrape(2, 0, 1.0, 0.3, 100, 0));
    LoopReadings after = LoopReadingsClient.parse(scrape(7, 1, 3.5, 1.9, 150, 2));
    LoopReadings.Delta during = after.since(before);

    assertEquals(Map.of("/slow-run", 5L), during.blockedByRoute());
    assertEquals(5, during.blockedEpisodes());
    assertEquals(1, during.blockedEpisodesDuringGc());
    assertEquals(2.5, during.delaySeconds(), 1e-9);
    assertEquals(1.9, during.lagMaxWindowSeconds(), 1e-9);
    assertEquals(0.25, during.lagP99WindowSeconds(), 1e-9);
    assertEquals("server: 5 blocked episode(s) (/slow-run 5), 1 more during GC pauses", during.describe().get(0));
    assertEquals(1.0, during.worstLagAboveSeconds());
    assertEquals(2.5, during.worstLagAtMostSeconds());
    assertEquals("server: event-loop timers ran 2.500 s late in total; worst lag between 1.0 s and 2.5 s", during.describe().get(1));
  }

  @Test
  void aRunOfPromptProbesHasItsWorstLagInTheFirstBucket() {
    LoopReadings before = LoopReadingsClient.parse(scrape(2, 0, 1.0, 0.3, 100, 3));
    LoopReadings.Delta during = LoopReadingsClient.parse(scrape(2, 0, 1.001, 0.3, 180, 3)).since(before);
    assertEquals(0.001, during.worstLagAtMostSeconds());
    assertTrue(during.describe().get(1).endsWith("worst lag at most 1 ms"), during.describe().get(1));
  }

  @Test
  void aScrapeWithoutTheLabsMetersIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoopReadingsClient.parse("vertx_pool_in_use 0.0\n"));
    assertTrue(e.getMessage().contains("instrumentation"));
  }
}

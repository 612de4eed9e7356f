package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.model.LoopReadings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LagProbeTest {

  @Test
  void aHandlerBlockingTheLoopFor500msShowsALagOfAtLeastThat() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      lab.get("/say-hi"); // warm-up, so that class loading is not what we measure
      LoopReadings before = lab.readings();
      assertEquals(200, lab.get("/slow-run?ms=500").statusCode());
      LoopReadings.Delta during = lab.readings().since(before);

      // the probe's timer was due at most one interval (20 ms) before the block began
      double atLeast = 0.500 - ObserveOptions.DEFAULT_PROBE_INTERVAL_MS / 1000.0 - 0.005;
      assertTrue(during.lagMaxWindowSeconds() >= atLeast, "window max lag " + during.lagMaxWindowSeconds());
      assertTrue(during.delaySeconds() >= atLeast, "timer lateness during the block " + during.delaySeconds());
      // the run's own worst lag, from the cumulative buckets: in (0.25 s, 0.5 s] or above
      assertTrue(during.worstLagAboveSeconds() >= 0.25, "worst lag above " + during.worstLagAboveSeconds());
    }
  }

  @Test
  void aTimerWaitLeavesTheLoopFreeSoTheLagStaysSmall() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      lab.get("/say-hi");
      LoopReadings before = lab.readings();
      assertEquals(200, lab.get("/fast-run?ms=500").statusCode());
      LoopReadings.Delta during = lab.readings().since(before);

      // ~25 probe ticks in 500 ms; on a free loop each is late by well under a millisecond
      assertTrue(during.delaySeconds() < 0.150, "timer lateness while a timer waited " + during.delaySeconds());
      assertTrue(during.worstLagAtMostSeconds() <= 0.25, "worst lag at most " + during.worstLagAtMostSeconds());
      assertEquals(0, during.blockedEpisodes());
    }
  }
}

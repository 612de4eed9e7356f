package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.looplab.model.LoopReadings;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockedAttributionTest {
  private final BlockingQueue<BlockedEpisode> episodes = new LinkedBlockingQueue<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger blockedLogger = (Logger) LoggerFactory.getLogger(BlockedLoopWatcher.LOGGER_NAME);
  private ObservedServer lab;

  @BeforeEach
  void start() {
    log.start();
    blockedLogger.addAppender(log);
    lab = new ObservedServer(ObservedServer.config());
    lab.observatory().onBlockedEpisode(episodes::add);
  }

  @AfterEach
  void stop() {
    lab.close();
    blockedLogger.detachAppender(log);
  }

  @Test
  void aSlowRunIsAttributedToItsRouteRequestAndHandlerLine() throws InterruptedException {
    lab.get("/slow-run?ms=300", "attrib-slow-1");

    BlockedEpisode episode = episodes.poll(10, TimeUnit.SECONDS);
    assertEquals("/slow-run", episode.route());
    assertEquals("attrib-slow-1", episode.requestId());
    assertTrue(episode.thread().startsWith("vert.x-eventloop-thread-"), episode.thread());
    assertTrue(episode.blockedMs() >= 100, "blocked ms " + episode.blockedMs());
    assertTrue(episode.projectFrames().stream().anyMatch(f -> f.startsWith("dev.looplab.server.LabVerticle.slowRun(LabVerticle.java:")),
        "frames " + episode.projectFrames());
    assertFalse(episode.duringGc());

    String line = log.list.get(0).getFormattedMessage();
    assertTrue(line.contains("route=/slow-run") && line.contains("request_id=attrib-slow-1")
        && line.contains(episode.thread()) && line.contains("LabVerticle.slowRun("), line);
  }

  @Test
  void aFastRunOfTheSameLengthIsNeverReported() throws InterruptedException {
    assertEquals(200, lab.get("/fast-run?ms=300", "attrib-fast-1").statusCode());
    // episodes are published in the order they happen: the first one must be the slow run sent after
    lab.get("/slow-run?ms=200", "attrib-slow-after-fast");

    BlockedEpisode first = episodes.poll(10, TimeUnit.SECONDS);
    assertEquals("attrib-slow-after-fast", first.requestId());
  }

  @Test
  void episodesAreCountedPerRouteInMetricsAndAScrapeRightAfterSeesThem() {
    LoopReadings before = lab.readings();
    lab.get("/slow-run?ms=200", "count-1");
    lab.get("/slow-run?ms=200", "count-2");

    LoopReadings.Delta during = lab.readings().since(before);
    assertEquals(2L, during.blockedByRoute().get("/slow-run"));
    assertEquals(2, during.blockedEpisodes());
  }

  @Test
  void aBlockTheWatcherNeverSampledIsCountedWhenItsHandlerReturns() {
    // the watcher looks only every 60 s here; the 200 ms block passes the 100 ms limit between looks
    try (ObservedServer rarelyChecked = new ObservedServer(ObservedServer.config().withBlockedThreadChecks(60_000, 100, 120_000))) {
      rarelyChecked.observatory().onBlockedEpisode(episodes::add);
      LoopReadings before = rarelyChecked.readings();
      rarelyChecked.get("/slow-run?ms=200", "unseen-1");
      // the answer leaves inside the handler, and the episode is known only once the handler has
      // returned, a few microseconds later: scrape until it is counted (each scrape a real one)
      LoopReadings.Delta seen = rarelyChecked.readings().since(before);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.blockedEpisodes() == 0 && System.nanoTime() < deadline) {
        seen = rarelyChecked.readings().since(before);
      }
      assertEquals(1, seen.blockedEpisodes());

      BlockedEpisode episode = episodes.stream().filter(e -> e.requestId().equals("unseen-1")).findFirst().orElseThrow();
      assertTrue(episode.endedUnseen());
      assertTrue(episode.blockedMs() >= 200, "blocked ms " + episode.blockedMs());
    }
  }
}

package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watcher's decisions, driven by hand: this test's own thread plays a blocked event loop. */
class BlockedLoopWatcherTest {
  private static final long MS = 1_000_000;
  private final ActivityBoard board = new ActivityBoard();
  private final List<BlockedEpisode> episodes = new ArrayList<>();
  private final GcPauses gcPauses = new GcPauses();

  private BlockedLoopWatcher watcher(long graceMs) {
    BlockedLoopWatcher watcher = new BlockedLoopWatcher(board, 100, 20, graceMs, gcPauses);
    watcher.onEpisode(episodes::add);
    return watcher;
  }

  @Test
  void anEpisodeIsPublishedOnceOneCheckAfterItIsSeen() {
    BlockedLoopWatcher watcher = watcher(0);
    ThreadActivity activity = board.enter("/slow-run", "rid-1", true);
    watcher.markStarted(activity.startNanos - 10 * MS);

    watcher.check(activity.startNanos + 50 * MS);
    assertTrue(episodes.isEmpty(), "under the limit");
    watcher.check(activity.startNanos + 120 * MS);
    assertTrue(episodes.isEmpty(), "held back one check for GC news");
    watcher.check(activity.startNanos + 140 * MS);
    watcher.check(activity.startNanos + 160 * MS);

    assertEquals(1, episodes.size());
    assertEquals("/slow-run", episodes.get(0).route());
    assertEquals("rid-1", episodes.get(0).requestId());
    assertEquals(120, episodes.get(0).blockedMs());
  }

  @Test
  void aHandlerThatReturnsLateBetweenTwoLooksIsStillCountedOnce() {
    BlockedLoopWatcher watcher = watcher(0);
    ThreadActivity late = board.enter("/slow-run", "rid-late", true);
    watcher.markStarted(late.startNanos - 10 * MS);
    board.exit(late);
    watcher.returnedLate(late, late.startNanos + 130 * MS);
    watcher.returnedLate(late, late.startNanos + 130 * MS);
    ThreadActivity quick = board.enter("/say-hi", "rid-quick", true);
    board.exit(quick);
    watcher.returnedLate(quick, quick.startNanos + 2 * MS);

    watcher.flush();
    assertEquals(1, episodes.size());
    BlockedEpisode episode = episodes.get(0);
    assertEquals("rid-late", episode.requestId());
    assertEquals(130, episode.blockedMs());
    assertTrue(episode.endedUnseen());
    assertTrue(episode.projectFrames().isEmpty());
    assertTrue(episode.describe().contains("blocked for 130 ms by route=/slow-run"), episode.describe());
  }

  @Test
  void aRunTheWatcherAlreadyReportedIsNotCountedAgainOnReturn() {
    BlockedLoopWatcher watcher = watcher(0);
    ThreadActivity activity = board.enter("/slow-run", "rid-seen", true);
    watcher.markStarted(activity.startNanos - 10 * MS);
    watcher.check(activity.startNanos + 150 * MS);
    board.exit(activity);
    watcher.returnedLate(activity, activity.startNanos + 400 * MS);

    watcher.flush();
    assertEquals(1, episodes.size());
    assertFalse(episodes.get(0).endedUnseen());
  }

  @Test
  void nothingIsCountedDuringTheStartUpGrace() {
    BlockedLoopWatcher watcher = watcher(1_000);
    ThreadActivity activity = board.enter("/slow-run", "rid-early", true);
    watcher.markStarted(activity.startNanos - 10 * MS);

    watcher.check(activity.startNanos + 300 * MS);
    watcher.check(activity.startNanos + 320 * MS);
    assertTrue(episodes.isEmpty());
  }

  @Test
  void workerThreadsMayBlockAsTheyPlease() {
    BlockedLoopWatcher watcher = watcher(0);
    ThreadActivity activity = board.enter("/standard-run", "rid-worker", false);
    watcher.markStarted(activity.startNanos - 10 * MS);

    watcher.check(activity.startNanos + 300 * MS);
    watcher.check(activity.startNanos + 320 * MS);
    assertTrue(episodes.isEmpty());
  }

  @Test
  void anEpisodeThatAGcPauseExplainsIsMarkedSo() {
    // 200 ms held, 150 of them paused: 50 ms of the route's own, under the 100 ms limit
    assertTrue(episodeHeld(200, pause(20, 170)).duringGc());
  }

  @Test
  void aShortGcPauseInsideALongBlockDoesNotExcuseIt() {
    // a 10 ms young collection inside a 200 ms sleep: the route still held its loop 190 ms
    assertFalse(episodeHeld(200, pause(50, 60)).duringGc());
  }

  @Test
  void pausesThatTogetherExplainAnEpisodeMarkIt() {
    // two pauses of 60 ms, the first begun before the handler: 40 + 60 ms paused of 130 held
    assertTrue(episodeHeld(130, pause(-20, 40), pause(70, 130)).duringGc());
  }

  @Test
  void anEpisodeBesideAGcPauseIsNotMarked() {
    assertFalse(episodeHeld(200, pause(-40, -30)).duringGc());
  }

  /** A GC pause from {@code fromMs} to {@code toMs}, counted from the handler's start. */
  private static long[] pause(long fromMs, long toMs) {
    return new long[] {fromMs, toMs};
  }

  /** The one episode of a handler seen still running {@code heldMs} after it began, with these GC pauses. */
  private BlockedEpisode episodeHeld(long heldMs, long[]... pauses) {
    BlockedLoopWatcher watcher = watcher(0);
    ThreadActivity activity = board.enter("/slow-run", "rid-gc", true);
    watcher.markStarted(activity.startNanos - 10 * MS);
    for (long[] pause : pauses) {
      gcPauses.record(activity.startNanos + pause[0] * MS, activity.startNanos + pause[1] * MS);
    }
    watcher.check(activity.startNanos + heldMs * MS);
    watcher.check(activity.startNanos + (heldMs + 20) * MS);
    assertEquals(1, episodes.size());
    return episodes.get(0);
  }

  @Test
  void realGcNotificationsAreHeard() throws InterruptedException {
    long before = System.nanoTime();
    CountDownLatch heard = new CountDownLatch(1);
    // a notification of an earlier collection may still be on its way: wait for one that overlaps ours
    GcPauses.jvm().onPause(() -> {
      if (GcPauses.jvm().pausedNanos(before, System.nanoTime()) > 0) {
        heard.countDown();
      }
    });
    System.gc();
    assertTrue(heard.await(10, TimeUnit.SECONDS), "no GC pause reported over System.gc()");
  }

  @Test
  void projectFramesAreTheFirstRunOfOurCodeFromTheTop() {
    StackTraceElement[] stack = {
        new StackTraceElement("java.lang.Thread", "sleep", "Thread.java", -2),
        new StackTraceElement("dev.looplab.server.LabVerticle", "sleep", "LabVerticle.java", 86),
        new StackTraceElement("dev.looplab.server.LabVerticle", "slowRun", "LabVerticle.java", 68),
        new StackTraceElement("dev.looplab.server.LabVerticle$$Lambda$390/0x1", "handle", null, -1),
        new StackTraceElement("io.vertx.ext.web.impl.RouteState", "handleContext", "RouteState.java", 1),
        new StackTraceElement("dev.looplab.observe.RequestTracker", "handle", "RequestTracker.java", 40),
        new StackTraceElement("dev.looplab.server.RequestTracking", "handle", "RequestTracking.java", 45)};

    // the middleware below the router (RequestTracking) is not the cause
    assertEquals(List.of("dev.looplab.server.LabVerticle.sleep(LabVerticle.java:86)",
        "dev.looplab.server.LabVerticle.slowRun(LabVerticle.java:68)"), ProjectFrames.top(stack, 3));
    assertEquals(List.of("dev.looplab.server.LabVerticle.sleep(LabVerticle.java:86)"), ProjectFrames.top(stack, 1));
    assertEquals("java.lang.Thread.sleep", ProjectFrames.foreignTop(stack));
  }
}

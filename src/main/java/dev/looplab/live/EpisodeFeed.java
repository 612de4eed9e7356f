package dev.looplab.live;

import dev.looplab.observe.BlockedEpisode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The blocked episodes the observatory reports, kept for the page: the last {@value #KEPT}, newest
 * first, each numbered so that a tick can carry only those new since the previous tick.
 */
final class EpisodeFeed {
  static final int KEPT = 20;
  private final Deque<JsonObject> recent = new ArrayDeque<>();
  private long seq;

  /** Called on the observatory's watcher thread. */
  synchronized void add(BlockedEpisode episode) {
    recent.addFirst(new JsonObject()
        .put("seq", ++seq)
        .put("at", Instant.now().toString())
        .put("route", episode.route())
        .put("request_id", episode.requestId())
        .put("thread", episode.thread())
        .put("blocked_ms", episode.blockedMs())
        .put("so_far", !episode.endedUnseen())
        .put("top_frame", episode.topFrame())
        .put("frames", new JsonArray(episode.projectFrames()))
        .put("during_gc", episode.duringGc()));
    if (recent.size() > KEPT) {
      recent.removeLast();
    }
  }

  /** The kept episodes numbered above {@code afterSeq}, newest first. */
  synchronized JsonArray since(long afterSeq) {
    JsonArray newer = new JsonArray();
    for (JsonObject episode : recent) {
      if (episode.getLong("seq") <= afterSeq) {
        break;
      }
      newer.add(episode);
    }
    return newer;
  }
}

package dev.looplab.server;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A lesson plugged into the lab server. The server core knows only this interface: a lesson mounts
 * its routes, adds a section to {@code /info}, drains its own background work on shutdown and says
 * what it needs. A new lesson is a new package under {@code dev.looplab.lessons}, listed once where
 * the server is started; nothing in the server changes.
 */
public interface Lesson {
  /** Short name: its key under {@code lessons} in {@code /info} (beside what it needs) and its name in logs. */
  String name();

  /** What the lesson needs beyond the lab itself (a JDK version, a database), in a few words. */
  default String needs() {
    return "nothing beyond the lab";
  }

  /** Once per server, before the verticles deploy: consumers, pools, clients. A failure fails the start. */
  default Future<Void> start(LessonContext context) {
    return Future.succeededFuture();
  }

  /** Once per verticle instance, on that instance's event loop: add the lesson's routes. */
  void mount(Router router, LessonContext context);

  /**
   * What the lesson adds to {@code /info}: fields merged at the top level of the answer (e.g. the
   * lecture's {@code background_jobs}), so name them so they cannot clash with the server's own.
   */
  default JsonObject info() {
    return new JsonObject();
  }

  /**
   * On shutdown, after the HTTP servers have drained: finish the lesson's background work within
   * {@code graceMs}. Completes with the number of pieces of work not done.
   */
  default Future<Long> drain(long graceMs) {
    return Future.succeededFuture(0L);
  }

  /** Last of all, before Vert.x closes: release clients and pools. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}

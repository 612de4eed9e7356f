package dev.looplab.server;

import dev.looplab.observe.Observatory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lessons a server was started with, and the context it hands them. */
final class LessonHost implements LessonContext {
  private static final Logger LOG = LoggerFactory.getLogger(LessonHost.class);

  private final List<Lesson> lessons;
  private final Vertx vertx;
  private final ServerConfig config;
  private final Observatory observatory;

  LessonHost(List<Lesson> lessons, Vertx vertx, ServerConfig config, Observatory observatory) {
    this.lessons = List.copyOf(lessons);
    this.vertx = vertx;
    this.config = config;
    this.observatory = observatory;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public ServerConfig config() {
    return config;
  }

  @Override
  public Observatory observatory() {
    return observatory;
  }

  @Override
  public <T> Callable<T> onWorker(String route, String requestId, Callable<T> task) {
    return observatory.onWorker(route, requestId, task);
  }

  Future<Void> start() {
    return Future.all(lessons.stream().map(lesson -> lesson.start(this)
            .onSuccess(started -> LOG.info("lesson {} ready (needs {})", lesson.name(), lesson.needs()))).toList())
        .mapEmpty();
  }

  void mount(Router router) {
    lessons.forEach(lesson -> lesson.mount(router, this));
  }

  /** Each lesson's fields of {@code /info}, and what each needs under {@code lessons}. */
  JsonObject addInfo(JsonObject info) {
    JsonObject needs = new JsonObject();
    for (Lesson lesson : lessons) {
      info.mergeIn(lesson.info());
      needs.put(lesson.name(), lesson.needs());
    }
    return info.put("lessons", needs);
  }

  /** Drains every lesson within the grace period; completes with the work not done, summed. */
  Future<Long> drain(long graceMs) {
    return Future.all(lessons.stream().map(lesson -> lesson.drain(graceMs)).toList())
        .map(all -> all.<Long>list().stream().mapToLong(Long::longValue).sum());
  }

  Future<Void> stop() {
    return Future.join(lessons.stream().map(Lesson::stop).toList()).mapEmpty();
  }
}

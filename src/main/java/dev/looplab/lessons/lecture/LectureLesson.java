package dev.looplab.lessons.lecture;

import dev.looplab.server.Lesson;
import dev.looplab.server.LessonContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The second lesson: work that outlives its response ({@code /background-run}, {@code /jobs}),
 * CPU-bound work ({@code /cpu-run}) and a sleep on a virtual thread ({@code /virtual-run}).
 */
public final class LectureLesson implements Lesson {
  private Vertx vertx;

  @Override
  public String name() {
    return "lecture";
  }

  @Override
  public String needs() {
    return "JDK 21+ for /virtual-run (the other routes run on any JDK)";
  }

  @Override
  public Future<Void> start(LessonContext context) {
    vertx = context.vertx();
    return Lecture.deploy(vertx);
  }

  @Override
  public void mount(Router router, LessonContext context) {
    LectureRoutes.mount(router, context.vertx(), context.config());
  }

  @Override
  public JsonObject info() {
    return new JsonObject().put("background_jobs", Lecture.of(vertx).jobs().toJson());
  }

  @Override
  public Future<Long> drain(long graceMs) {
    return Lecture.finishJobs(vertx, graceMs);
  }
}

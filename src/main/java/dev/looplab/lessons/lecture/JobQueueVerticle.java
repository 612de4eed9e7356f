package dev.looplab.lessons.lecture;

import dev.looplab.server.RequestId;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * A consumer of the job queue, deployed with the WORKER threading model: it takes one job at a time
 * off the event bus, on a worker thread, so no event loop ever waits for a job. Several instances
 * share the address, and the event bus hands each message to one of them.
 */
final class JobQueueVerticle extends VerticleBase {
  static final String ADDRESS = "looplab.lecture.jobs";

  @Override
  public Future<?> start() {
    Lecture lecture = Lecture.of(vertx);
    return vertx.eventBus().<JsonObject>consumer(ADDRESS, message -> runJob(lecture.jobs(), message))
        .completion()
        .onSuccess(registered -> lecture.queueStarted());
  }

  private static void runJob(BackgroundJobs jobs, Message<JsonObject> message) {
    RequestId.set(Vertx.currentContext(), message.headers().get(LectureRoutes.REQUEST_ID_HEADER));
    JsonObject job = message.body();
    jobs.run(job.getLong("job_id"), BackgroundJobs.Where.QUEUE, job.getInteger("ms"));
  }
}

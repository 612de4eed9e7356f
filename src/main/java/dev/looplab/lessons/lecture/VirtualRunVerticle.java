package dev.looplab.lessons.lecture;

import dev.looplab.server.RequestId;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Serves {@code /virtual-run} on virtual threads (deployed with the VIRTUAL_THREAD threading model,
 * JDK 21+). {@code Thread.sleep} here parks the virtual thread and frees its carrier, so one verticle
 * holds many sleeping requests at once, the way a timer does, while the code reads like blocking code.
 */
final class VirtualRunVerticle extends VerticleBase {
  static final String ADDRESS = "looplab.lecture.virtual-run";

  @Override
  public Future<?> start() {
    Lecture lecture = Lecture.of(vertx);
    return vertx.eventBus().<Integer>consumer(ADDRESS, this::sleepThenReply)
        .completion()
        .onSuccess(registered -> lecture.virtualThreadsReady());
  }

  private void sleepThenReply(Message<Integer> message) {
    RequestId.set(Vertx.currentContext(), message.headers().get(LectureRoutes.REQUEST_ID_HEADER));
    // Vert.x hands this verticle its messages one at a time: a Thread.sleep right here would hold up
    // the next message. Unordered executeBlocking gives each sleep its own virtual thread instead.
    vertx.executeBlocking(() -> sleep(message.body()), false)
        .onSuccess(message::reply)
        .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage())));
  }

  private static JsonObject sleep(int ms) throws InterruptedException {
    String before = Thread.currentThread().toString();
    Thread.sleep(ms);
    return new JsonObject()
        .put("thread", Thread.currentThread().getName())
        .put("virtual_thread_before", before)
        .put("virtual_thread_after", Thread.currentThread().toString());
  }
}

package dev.looplab.driver;

import dev.looplab.model.RouteBodies;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues calls from one event loop through {@code lanes} lanes: each lane runs its calls one after
 * another, taking the next index of the run when its call ends, so a lane is one call in flight
 * (1 lane in all is the synchronous client). Lane s always uses client s % clients.size(), whose pool
 * has a connection for each of its lanes, so no call ever waits for a connection. Several runners on
 * several event loops may share one run: they share its index counter and its {@link CallLog}.
 */
final class CallRunner {
  /** Makes one run's bodies differ from the last run's, so a repeated run asks the model again. */
  private static final long RUN_SEED = System.nanoTime();
  private final List<WebClient> clients;
  private final CallLog log;
  private final int lanes;
  private final AtomicInteger nextIndex;
  private final String idPrefix;
  private final Promise<Void> drained;
  private int activeLanes;

  CallRunner(List<WebClient> clients, CallLog log, int lanes, AtomicInteger nextIndex, String idPrefix, Promise<Void> drained) {
    this.clients = clients;
    this.log = log;
    this.lanes = lanes;
    this.nextIndex = nextIndex;
    this.idPrefix = idPrefix;
    this.drained = drained;
  }

  void launch() {
    activeLanes = lanes;
    for (int lane = 0; lane < lanes; lane++) {
      sendNext(lane);
    }
  }

  private void sendNext(int lane) {
    int index = nextIndex.getAndIncrement();
    if (index < log.plan().calls()) {
      send(lane, index);
    } else if (--activeLanes == 0) {
      clients.forEach(WebClient::close);
      drained.complete();
    }
  }

  private void send(int lane, int index) {
    String id = idPrefix + "-" + index;
    double startMs = log.elapsedMs();
    log.started(index, startMs);
    String body = RouteBodies.forCall(log.plan().path(), index, RUN_SEED);
    WebClient client = clients.get(lane % clients.size());
    HttpRequest<Buffer> request = (body == null ? client.getAbs(log.plan().url()) : client.postAbs(log.plan().url()))
        .putHeader("X-Request-Id", id);
    if (log.plan().timeoutMs() > 0) {
      request.timeout(log.plan().timeoutMs());
    }
    Future<HttpResponse<Buffer>> sent = body == null ? request.send()
        : request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body));
    sent.onComplete(result -> {
      double endMs = log.elapsedMs();
      log.ended(result.succeeded()
          ? Answers.answered(index, result.result(), startMs, endMs, id)
          : Answers.failed(index, result.cause(), startMs, endMs, id));
      sendNext(lane);
    });
  }
}

package dev.looplab.client;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

/**
 * Issues the calls of one run from the driver's event loop, keeping at most {@code limit} in flight:
 * each call that ends starts the next. Runs entirely on one context, so its counters need no locks.
 */
final class CallRunner {
  private final WebClient client;
  private final CallLog log;
  private final int limit;
  private final String idPrefix;
  private final Promise<RunResult> done;
  private int next;
  private int inFlight;

  CallRunner(WebClient client, CallLog log, int limit, String idPrefix, Promise<RunResult> done) {
    this.client = client;
    this.log = log;
    this.limit = limit;
    this.idPrefix = idPrefix;
    this.done = done;
  }

  void launch() {
    while (inFlight < limit && next < log.plan().calls()) {
      send(next++);
    }
  }

  private void send(int index) {
    inFlight++;
    log.started();
    String id = idPrefix + "-" + index;
    double startMs = log.elapsedMs();
    HttpRequest<Buffer> request = client.getAbs(log.plan().url()).putHeader("X-Request-Id", id);
    if (log.plan().timeoutMs() > 0) {
      request.timeout(log.plan().timeoutMs());
    }
    request.send().onComplete(result -> {
      double endMs = log.elapsedMs();
      CallRecord record = result.succeeded()
          ? Answers.answered(index, result.result(), startMs, endMs, id)
          : Answers.failed(index, result.cause(), startMs, endMs, id);
      inFlight--;
      if (log.ended(record)) {
        client.close();
        done.complete(log.snapshot());
      } else {
        launch();
      }
    });
  }
}

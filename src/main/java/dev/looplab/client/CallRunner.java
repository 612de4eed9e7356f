package dev.looplab.client;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/**
 * Issues the calls of one run from the driver's event loop through {@code slots} lanes: each lane
 * runs its calls one after another, taking the next index when its call ends, so at most
 * {@code slots} calls are in flight (1 lane is the synchronous client). Lane s always uses client
 * s % clients.size(), whose pool has a connection for each of its lanes, so no call ever waits for
 * a connection. Runs on one context, so its counter needs no lock.
 */
final class CallRunner {
  private final List<WebClient> clients;
  private final CallLog log;
  private final int slots;
  private final String idPrefix;
  private final Promise<RunResult> done;
  private int next;

  CallRunner(List<WebClient> clients, CallLog log, int slots, String idPrefix, Promise<RunResult> done) {
    this.clients = clients;
    this.log = log;
    this.slots = slots;
    this.idPrefix = idPrefix;
    this.done = done;
  }

  void launch() {
    for (int slot = 0; slot < slots; slot++) {
      sendNext(slot);
    }
  }

  private void sendNext(int slot) {
    if (next < log.plan().calls()) {
      send(slot, next++);
    }
  }

  private void send(int slot, int index) {
    log.started();
    String id = idPrefix + "-" + index;
    double startMs = log.elapsedMs();
    HttpRequest<Buffer> request = clients.get(slot % clients.size()).getAbs(log.plan().url()).putHeader("X-Request-Id", id);
    if (log.plan().timeoutMs() > 0) {
      request.timeout(log.plan().timeoutMs());
    }
    request.send().onComplete(result -> {
      double endMs = log.elapsedMs();
      CallRecord record = result.succeeded()
          ? Answers.answered(index, result.result(), startMs, endMs, id)
          : Answers.failed(index, result.cause(), startMs, endMs, id);
      if (log.ended(record)) {
        clients.forEach(WebClient::close);
        done.complete(log.snapshot());
      } else {
        sendNext(slot);
      }
    });
  }
}

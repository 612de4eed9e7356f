package dev.looplab.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The experiment driver: every call of a run is issued from this verticle's event loop with a
 * WebClient whose pool holds one connection per call allowed in flight, so the pool never caps
 * concurrency (its default of 5 would make 25 "concurrent" calls run in rounds of 5).
 */
public final class ExperimentVerticle extends VerticleBase {
  static final int SLOTS_PER_CLIENT = 256;

  /** Reads the server's {@code /info} and the network round trip before a run. */
  public Future<ServerProbe> probe(URI baseUrl) {
    Promise<ServerProbe> done = Promise.promise();
    context.runOnContext(v -> ServerProbe.of(newClient(1, 10_000), baseUrl).onComplete(done));
    return done.future();
  }

  /** Runs {@code log}'s plan; one call at a time in SYNC mode. Completes when every call has ended. */
  public Future<RunResult> run(CallLog log, Mode mode) {
    int limit = mode == Mode.SYNC ? 1 : log.plan().inFlightLimit();
    String idPrefix = String.format("%s-%06x", mode.label(), ThreadLocalRandom.current().nextInt(1 << 24));
    Promise<RunResult> done = Promise.promise();
    context.runOnContext(v -> new CallRunner(clientsFor(limit, log.plan().timeoutMs()), log, limit, idPrefix, done).launch());
    return done.future();
  }

  /**
   * Enough clients for {@code slots} calls in flight, {@value #SLOTS_PER_CLIENT} per client at most:
   * a pool scans its connection list on every request, so one pool of 10,000 would cost O(n²).
   */
  private List<WebClient> clientsFor(int slots, long timeoutMs) {
    int count = (slots + SLOTS_PER_CLIENT - 1) / SLOTS_PER_CLIENT;
    List<WebClient> clients = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int lanes = slots / count + (i < slots % count ? 1 : 0);  // lane s uses client s % count
      clients.add(newClient(lanes, timeoutMs));
    }
    return clients;
  }

  private WebClient newClient(int connections, long timeoutMs) {
    WebClientOptions options = new WebClientOptions()
        .setKeepAlive(true)
        .setUserAgent("looplab-experiment");
    if (timeoutMs > 0 && timeoutMs < Integer.MAX_VALUE) {
      options.setConnectTimeout((int) timeoutMs);
    }
    // one connection per call in flight: the default pool of 5 would silently cap concurrency at 5
    return WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(connections));
  }
}

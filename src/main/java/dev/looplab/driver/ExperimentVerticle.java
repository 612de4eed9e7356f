package dev.looplab.driver;

import dev.looplab.model.ServerProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The experiment driver's client: issues its share of a run's calls from its event loop with
 * WebClients whose pools hold one connection per call it may have in flight, so the pool never caps
 * concurrency (the default of 5 would make 25 "concurrent" calls run in rounds of 5).
 */
public final class ExperimentVerticle extends VerticleBase {
  static final int SLOTS_PER_CLIENT = 256;

  /** Reads the server's {@code /info} and the network round trip before a run, each within {@code timeoutMs} (0: none). */
  public Future<ServerProbe> probe(URI baseUrl, long timeoutMs) {
    Promise<ServerProbe> done = Promise.promise();
    context.runOnContext(v -> Prober.probe(newClient(1, timeoutMs), baseUrl, timeoutMs).onComplete(done));
    return done.future();
  }

  /**
   * Runs {@code lanes} of {@code log}'s plan on this verticle's event loop, taking call indexes from
   * {@code nextIndex}; completes when its lanes have no call left to start and none in flight.
   */
  Future<Void> runLanes(CallLog log, int lanes, AtomicInteger nextIndex, String idPrefix) {
    Promise<Void> drained = Promise.promise();
    context.runOnContext(v -> new CallRunner(clientsFor(lanes, log.plan().timeoutMs()), log, lanes, nextIndex, idPrefix, drained)
        .launch());
    return drained.future();
  }

  /**
   * Enough clients for {@code slots} calls in flight, {@value #SLOTS_PER_CLIENT} per client at most:
   * a pool scans its connection list on every request, so one pool of 10,000 would cost O(n²).
   */
  private List<WebClient> clientsFor(int slots, long timeoutMs) {  // slots >= 1
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

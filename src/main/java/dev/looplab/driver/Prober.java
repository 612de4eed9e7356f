package dev.looplab.driver;

import dev.looplab.model.LabInfo;
import dev.looplab.model.ServerProbe;
import dev.looplab.model.Topology;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;

/**
 * Takes a {@link ServerProbe}: the server's {@code /info}, then the best of a few {@code /health}
 * round trips, each bounded by the run's per-call timeout (0: none), so a listener that accepts and
 * never answers cannot hold the client before its first call.
 */
final class Prober {
  private static final int PINGS = 3;

  private Prober() {}

  static Future<ServerProbe> probe(WebClient client, URI baseUrl, long timeoutMs) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return Future.succeededFuture()
        .compose(start -> get(client, base + "/info", timeoutMs).send())
        .compose(infoAnswer -> ping(client, base + "/health", timeoutMs, PINGS, Double.MAX_VALUE)
            .map(networkMs -> {
              LabInfo info = infoOrNull(infoAnswer);
              return new ServerProbe(info, networkMs, Topology.of(null, null, null, info));
            }))
        .recover(failure -> Future.failedFuture(NoServerException.of(base, timeoutMs, failure)))
        .andThen(done -> client.close());
  }

  private static HttpRequest<Buffer> get(WebClient client, String url, long timeoutMs) {
    HttpRequest<Buffer> request = client.getAbs(url);
    return timeoutMs > 0 ? request.timeout(timeoutMs) : request;
  }

  private static Future<Double> ping(WebClient client, String url, long timeoutMs, int left, double best) {
    if (left == 0) {
      return Future.succeededFuture(best);
    }
    long start = System.nanoTime();
    return get(client, url, timeoutMs).send()
        .compose(answer -> ping(client, url, timeoutMs, left - 1, Math.min(best, CallLog.millis(System.nanoTime() - start))));
  }

  private static LabInfo infoOrNull(HttpResponse<Buffer> answer) {
    try {
      return answer.statusCode() == 200 ? LabInfo.from(answer.bodyAsJsonObject()) : null;
    } catch (RuntimeException notLabInfo) {
      return null;
    }
  }
}

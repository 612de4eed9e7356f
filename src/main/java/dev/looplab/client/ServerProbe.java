package dev.looplab.client;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;

/**
 * What the driver knows before a run: the server's {@code /info} (null if it has none, e.g. not a
 * looplab server), the network round trip (the best of a few {@code /health} calls on a warm
 * connection), and what stands behind the URL (one server unless the user says otherwise).
 */
public record ServerProbe(LabInfo info, double networkMs, Topology topology) {
  private static final int PINGS = 3;

  static Future<ServerProbe> of(WebClient client, URI baseUrl) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return client.getAbs(base + "/info").send()
        .recover(failure -> Future.failedFuture(ErrorKind.of(failure) == ErrorKind.REFUSED
            ? new NoServerException(base, failure) : failure))
        .compose(infoAnswer -> ping(client, base + "/health", PINGS, Double.MAX_VALUE)
            .map(networkMs -> {
              LabInfo info = infoOrNull(infoAnswer);
              return new ServerProbe(info, networkMs, Topology.of(null, null, null, info));
            }))
        .andThen(done -> client.close());
  }

  public ServerProbe withTopology(Topology behindTheUrl) {
    return new ServerProbe(info, networkMs, behindTheUrl);
  }

  private static Future<Double> ping(WebClient client, String url, int left, double best) {
    if (left == 0) {
      return Future.succeededFuture(best);
    }
    long start = System.nanoTime();
    return client.getAbs(url).send()
        .compose(answer -> ping(client, url, left - 1, Math.min(best, CallLog.millis(System.nanoTime() - start))));
  }

  private static LabInfo infoOrNull(HttpResponse<Buffer> answer) {
    try {
      return answer.statusCode() == 200 ? LabInfo.from(answer.bodyAsJsonObject()) : null;
    } catch (RuntimeException notLabInfo) {
      return null;
    }
  }
}

package dev.looplab.driver;

import dev.looplab.model.ErrorKind;
import dev.looplab.model.LabInfo;
import dev.looplab.model.ServerProbe;
import dev.looplab.model.Topology;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;

/** Takes a {@link ServerProbe}: the server's {@code /info}, then the best of a few {@code /health} round trips. */
final class Prober {
  private static final int PINGS = 3;

  private Prober() {}

  static Future<ServerProbe> probe(WebClient client, URI baseUrl) {
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

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference for scripts/bench-server.sh: plain Vert.x 5 with one route that answers /say-hi with
 * the same JSON fields as the lab, and nothing else (no request id echo, no log, no meters).
 * Not part of the product: compiled by the bench script against the lab jar's classpath.
 * Usage: java -cp bare.jar:looplab.jar BareSayHi PORT
 */
public final class BareSayHi extends VerticleBase {
  private static final String INSTANCE = UUID.randomUUID().toString();
  private final int port;

  private BareSayHi(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx.vertx().deployVerticle(new BareSayHi(port))
        .onSuccess(id -> System.out.println("bare listening on http://127.0.0.1:" + port))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/say-hi").handler(this::sayHi);
    router.get("/health").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }

  private void sayHi(RoutingContext rc) {
    long startNanos = System.nanoTime();
    String thread = Thread.currentThread().getName();
    rc.json(new JsonObject()
        .put("route", "say-hi")
        .put("app_instance_id", INSTANCE)
        .put("request_id", Long.toHexString(ThreadLocalRandom.current().nextLong()))
        .put("thread", thread)
        .put("event_loop", thread)
        .put("started_at", Instant.now().toString())
        .put("duration_ms", Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0)
        .put("task_ms", 0)
        .put("message", "Hi from looplab!"));
  }
}

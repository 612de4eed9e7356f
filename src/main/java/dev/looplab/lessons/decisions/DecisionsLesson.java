package dev.looplab.lessons.decisions;

import dev.looplab.lessons.CpuWork;
import dev.looplab.server.Lesson;
import dev.looplab.server.LessonContext;
import dev.looplab.server.RequestId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lecture's decision service on real PostgreSQL and Redis: {@code POST /decisions} reads a cache,
 * runs a model on a miss, answers, and writes to both databases in the background, through one of
 * three client styles picked per request. Without database URLs it answers 503 and says how to get them.
 */
public final class DecisionsLesson implements Lesson {
  static final Logger LOG = LoggerFactory.getLogger(DecisionsLesson.class);
  static final String HOW_TO_GET_DATABASES = "/decisions needs PostgreSQL and Redis: start the server with --postgres-url and "
      + "--redis-url (env LOOPLAB_POSTGRES_URL, LOOPLAB_REDIS_URL), or run it under scripts/with-databases.sh, which starts "
      + "throwaway ones and sets both, e.g. scripts/with-databases.sh java -jar target/looplab.jar server";

  private static final long CLOSE_LIMIT_MS = 2_000;
  private final DecisionsSettings settings;
  private final WriteLedger ledger = new WriteLedger();
  private final Map<ClientStyle, DecisionStore> stores = new EnumMap<>(ClientStyle.class);
  private volatile Future<Void> table;
  private Vertx vertx;

  public DecisionsLesson(DecisionsSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "decisions";
  }

  @Override
  public String needs() {
    return "PostgreSQL and Redis (scripts/with-databases.sh starts both)";
  }

  @Override
  public Future<Void> start(LessonContext context) {
    vertx = context.vertx();
    context.observatory().whenRegistryBuilt(ledger::bindTo);
    if (!settings.configured()) {
      LOG.info("/decisions is off: no --postgres-url and --redis-url");
      return Future.succeededFuture();
    }
    ReactiveStore reactive = new ReactiveStore(vertx, settings);
    stores.put(ClientStyle.LOOP, new LoopStore(settings));
    stores.put(ClientStyle.WORKER, new WorkerStore(settings, context));
    stores.put(ClientStyle.REACTIVE, reactive);
    // the model's calibration takes ~300 ms: pay it on a worker now, not on a loop in the first request
    return vertx.executeBlocking(CpuWork::unitsPerMs, false)
        .compose(calibrated -> tableReady())
        .onSuccess(ready -> LOG.info("/decisions uses PostgreSQL {} and Redis {}", settings.postgres(), settings.redis()))
        .otherwise(failure -> {
          LOG.warn("/decisions: cannot create table decisions now ({}); will try again on the next request", failure.getMessage());
          return null;
        });
  }

  /** The table, created once; a failed attempt is tried again by the next request. */
  Future<Void> tableReady() {
    Future<Void> current = table;
    if (current == null || current.failed()) {
      current = ((ReactiveStore) stores.get(ClientStyle.REACTIVE)).createTable();
      table = current;
    }
    return current;
  }

  @Override
  public void mount(Router router, LessonContext context) {
    DecisionRoute route = new DecisionRoute(this, context.vertx(), context.observatory());
    // the body arrives after the request tracker has returned: the handler is attributed again when it runs
    router.post("/decisions").handler(BodyHandler.create().setBodyLimit(64 * 1024))
        .handler(rc -> context.observatory().onLoop(DecisionRoute.PATH, RequestId.current(), () -> route.decide(rc)));
    router.route(DecisionRoute.PATH).handler(route::wrongMethod);
  }

  DecisionsSettings settings() {
    return settings;
  }

  DecisionStore store(ClientStyle style) {
    return stores.get(style);
  }

  WriteLedger ledger() {
    return ledger;
  }

  @Override
  public JsonObject info() {
    JsonObject info = settings.toJson().put("model_ms", DecisionRoute.DEFAULT_MODEL_MS).put("writes", ledger.toJson());
    return new JsonObject().put("decisions", settings.configured() ? info : info.put("off", HOW_TO_GET_DATABASES));
  }

  @Override
  public Future<Long> drain(long graceMs) {
    if (vertx == null) {
      return Future.succeededFuture(0L);
    }
    long pending = ledger.pending();
    if (pending > 0) {
      LOG.info("/decisions: waiting up to {} ms for {} background write(s)", graceMs, pending);
    }
    return ledger.whenIdle(vertx, graceMs).onSuccess(left -> {
      if (left > 0) {
        LOG.warn("/decisions: {} background write(s) not done within the grace period: {}", left, ledger.toJson().encode());
      } else if (ledger.accepted(WriteLedger.Target.REDIS) + ledger.accepted(WriteLedger.Target.POSTGRES) > 0) {
        LOG.info("/decisions: background writes drained: {}", ledger.toJson().encode());
      }
    });
  }

  @Override
  public Future<Void> stop() {
    List<Future<Void>> closed = stores.entrySet().stream().map(store -> store.getValue().close()
        .timeout(CLOSE_LIMIT_MS, TimeUnit.MILLISECONDS)
        .onFailure(failure -> LOG.warn("/decisions: closing the {} clients failed: {}", store.getKey().label(), failure.toString())))
        .toList();
    // a client still connecting to a server that never answers may not close: it is left behind, not waited for
    return Future.join(closed).<Void>mapEmpty().otherwiseEmpty();
  }
}

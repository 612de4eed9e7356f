package dev.looplab.lessons.decisions;

import dev.looplab.lessons.decisions.DecisionModel.Decision;
import dev.looplab.lessons.decisions.WriteLedger.Target;
import dev.looplab.observe.Observatory;
import dev.looplab.server.BadRequestException;
import dev.looplab.server.ErrorReplies;
import dev.looplab.server.RequestId;
import dev.looplab.server.RouteRun;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code POST /decisions?client=loop|worker|reactive&io_ms=T}: cache read in Redis, the model on a
 * miss, the answer, then the writes to Redis and PostgreSQL in the background.
 */
final class DecisionRoute {
  static final String PATH = "/decisions";
  static final int MAX_MS = 60_000;
  /** CPU time of the model on a miss unless {@code ?model_ms=} says otherwise; in /info for the driver's model. */
  static final int DEFAULT_MODEL_MS = 20;
  private final DecisionsLesson lesson;
  private final Vertx vertx;
  private final Observatory observatory;

  DecisionRoute(DecisionsLesson lesson, Vertx vertx, Observatory observatory) {
    this.lesson = lesson;
    this.vertx = vertx;
    this.observatory = observatory;
  }

  void decide(RoutingContext rc) {
    if (!lesson.settings().configured()) {
      ErrorReplies.send(rc, 503, "databases_not_configured", DecisionsLesson.HOW_TO_GET_DATABASES);
      return;
    }
    DecisionRequest request = DecisionRequest.parse(rc.body().buffer());
    ClientStyle style = ClientStyle.of(rc.queryParams().get("client"));
    int ioMs = millis(rc, "io_ms", 0);
    int writeMs = millis(rc, "write_ms", 0);
    int modelMs = millis(rc, "model_ms", DEFAULT_MODEL_MS);
    RouteRun run = RouteRun.begin("decisions", ioMs);
    DecisionStore store = lesson.store(style);
    StepTimes steps = new StepTimes();
    steps.time("cache_read", () -> store.readCache(request.cacheKey(), ioMs))
        .compose(cached -> cached != null
            ? Future.succeededFuture(new Outcome(Decision.fromJson(cached), true))
            : steps.time("model", () -> store.compute(() -> DecisionModel.predict(request.features(), modelMs)))
                .map(decision -> new Outcome(decision, false)))
        .onSuccess(outcome -> {
          // counted as accepted before the answer leaves, so no client can see an answer whose writes are not counted
          writeInBackground(store, style, request, outcome, writeMs);
          rc.json(run.finish().put("client", style.label()).put("cache", outcome.hit() ? "hit" : "miss")
              .mergeIn(outcome.decision().toJson()).put("io_ms", ioMs).put("steps_ms", steps.toJson()));
        })
        .onFailure(failure -> {
          if (failure instanceof DatabaseDownException down) {
            ErrorReplies.send(rc, 503, "database_unavailable", "client=" + style.label() + " could not read the cache in Redis "
                + lesson.settings().redis() + ": " + down.getMessage());
          } else {
            rc.fail(failure);
          }
        });
  }

  /**
   * Accepts the lecture's two background tasks and queues them behind the answer: the decision to
   * Redis on a miss, a row to PostgreSQL always.
   */
  private void writeInBackground(DecisionStore store, ClientStyle style, DecisionRequest request, Outcome outcome, int writeMs) {
    String requestId = RequestId.current();
    if (!outcome.hit()) {
      background(Target.REDIS, requestId, () -> store.writeCache(request.cacheKey(), outcome.decision().toJson().encode()));
    }
    DecisionRow row = new DecisionRow(requestId, style.label(), request.featuresText(), outcome.decision().decision(),
        outcome.decision().score(), outcome.hit() ? "hit" : "miss");
    background(Target.POSTGRES, requestId, () -> lesson.tableReady().compose(ready -> store.insertRow(row, writeMs)));
  }

  private void background(Target target, String requestId, Supplier<Future<Void>> write) {
    WriteLedger ledger = lesson.ledger();
    ledger.accept(target);
    // queued behind the response: with client=loop the write still runs on this loop, after the answer is out
    vertx.getOrCreateContext().runOnContext(v -> observatory.onLoop(PATH, requestId, () -> write.get().onComplete(done -> {
      if (done.failed()) {
        DecisionsLesson.LOG.warn("background write to {} failed, request_id={}: {}", target.label(), requestId, done.cause().getMessage());
      }
      ledger.ended(target, done.succeeded());
    })));
  }

  void wrongMethod(RoutingContext rc) {
    ErrorReplies.send(rc, 405, "method_not_allowed", rc.request().method() + " is not allowed on /decisions; use POST with a JSON body "
        + "such as {\"features\": [0.3, 1.2, 5.0]}");
  }

  private static int millis(RoutingContext rc, String name, int fallback) {
    String raw = rc.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int ms = Integer.parseInt(raw.trim());
      if (ms >= 0 && ms <= MAX_MS) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value given
    }
    throw new BadRequestException(name + " must be a whole number of milliseconds from 0 to " + MAX_MS + ", got '" + raw + "'");
  }

  private record Outcome(Decision decision, boolean hit) {}
}

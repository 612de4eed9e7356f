package dev.looplab.lessons.decisions;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background writes of {@code /decisions}, counted per database when accepted and when they end,
 * so that {@code /info} and {@code /metrics} show what is pending and a shutdown can wait for it.
 */
final class WriteLedger {
  enum Target {
    REDIS, POSTGRES;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counts[] counts = {new Counts(), new Counts()};
  private final List<Runnable> idleWaiters = new CopyOnWriteArrayList<>();

  private static final class Counts {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    long pending() {
      return accepted.get() - written.get() - failed.get();
    }
  }

  void accept(Target target) {
    counts[target.ordinal()].accepted.incrementAndGet();
  }

  void ended(Target target, boolean written) {
    Counts of = counts[target.ordinal()];
    (written ? of.written : of.failed).incrementAndGet();
    if (pending() == 0) {
      idleWaiters.forEach(Runnable::run);
    }
  }

  long pending() {
    return counts[0].pending() + counts[1].pending();
  }

  long accepted(Target target) {
    return counts[target.ordinal()].accepted.get();
  }

  /** Completes on the caller's context when nothing is pending (0), or after {@code timeoutMs} with what still is. */
  Future<Long> whenIdle(Vertx vertx, long timeoutMs) {
    Context caller = vertx.getOrCreateContext();
    Promise<Long> idle = Promise.promise();
    Runnable waiter = () -> caller.runOnContext(v -> idle.tryComplete(0L));
    idleWaiters.add(waiter);
    if (pending() == 0) {
      idle.tryComplete(0L);
    }
    long timer = vertx.setTimer(Math.max(1, timeoutMs), id -> idle.tryComplete(pending()));
    return idle.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      idleWaiters.remove(waiter);
    });
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (Target target : Target.values()) {
      Counts of = counts[target.ordinal()];
      json.put(target.label(), new JsonObject().put("accepted", of.accepted.get()).put("written", of.written.get())
          .put("failed", of.failed.get()).put("pending", of.pending()));
    }
    return json.put("pending", pending());
  }

  /** {@code looplab_decisions_writes_total{target,outcome}} and {@code looplab_decisions_writes_pending{target}}. */
  void bindTo(MeterRegistry registry) {
    for (Target target : Target.values()) {
      Counts of = counts[target.ordinal()];
      counter(registry, target, "accepted", of.accepted);
      counter(registry, target, "written", of.written);
      counter(registry, target, "failed", of.failed);
      Gauge.builder("looplab.decisions.writes.pending", of, Counts::pending).tag("target", target.label())
          .description("Background writes of /decisions accepted and not yet ended").register(registry);
    }
  }

  private static void counter(MeterRegistry registry, Target target, String outcome, AtomicLong count) {
    FunctionCounter.builder("looplab.decisions.writes", count, AtomicLong::get)
        .tag("target", target.label()).tag("outcome", outcome)
        .description("Background writes of /decisions, by database and outcome").register(registry);
  }
}

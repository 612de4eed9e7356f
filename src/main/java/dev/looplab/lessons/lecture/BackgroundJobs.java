package dev.looplab.lessons.lecture;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-up jobs that run after their response has gone out: counted when accepted and when done,
 * so that {@code /jobs} can show what is pending and a shutdown can wait for it.
 */
public final class BackgroundJobs {
  static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

  /** Where a job runs: the three ways the lecture compares. */
  public enum Where {
    /** On the event loop that served the request, right after the response: it stalls that loop. */
    LOOP,
    /** On Vert.x's worker pool, unordered. */
    WORKER,
    /** Sent over the event bus to a dedicated worker verticle: the queue architecture. */
    QUEUE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final AtomicLong nextId = new AtomicLong();
  private final Map<Where, AtomicLong> accepted = counters();
  private final Map<Where, AtomicLong> completed = counters();
  private final Map<Where, AtomicLong> failed = counters();
  private final List<Promise<Long>> idleWaiters = new CopyOnWriteArrayList<>();

  /** Counts a new job and gives it an id. */
  long accept(Where where) {
    accepted.get(where).incrementAndGet();
    return nextId.incrementAndGet();
  }

  /** Runs the job on the calling thread: the task is a sleep of {@code ms}, like the lab's other routes. */
  void run(long jobId, Where where, int ms) {
    LOG.info("background job {} ({}) started on {}, {} ms", jobId, where.label(), Thread.currentThread().getName(), ms);
    long start = System.nanoTime();
    try {
      Thread.sleep(ms);
      // logged before it is counted: whoever sees the count reach zero can also see every 'done' line
      LOG.info("background job {} ({}) done in {} ms", jobId, where.label(), (System.nanoTime() - start) / 1_000_000);
      completed.get(where).incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("background job {} ({}) interrupted after {} ms", jobId, where.label(), (System.nanoTime() - start) / 1_000_000);
      failed.get(where).incrementAndGet();
    } finally {
      if (pending() == 0) {
        idleWaiters.forEach(waiter -> waiter.tryComplete(0L));
      }
    }
  }

  public long pending() {
    long pending = 0;
    for (Where where : Where.values()) {
      pending += pending(where);
    }
    return pending;
  }

  private long pending(Where where) {
    return accepted.get(where).get() - completed.get(where).get() - failed.get(where).get();
  }

  public long accepted() {
    return accepted.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long completed() {
    return completed.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /**
   * Completes when no job is pending, with 0, or once {@code timeoutMs} has passed, with the number
   * of jobs still not done.
   */
  public Future<Long> whenIdle(Vertx vertx, long timeoutMs) {
    Context caller = vertx.getOrCreateContext();
    Promise<Long> idle = Promise.promise();
    idleWaiters.add(idle);
    if (pending() == 0) {
      idle.tryComplete(0L);
    } else {
      long timer = vertx.setTimer(Math.max(1, timeoutMs), id -> idle.tryComplete(pending()));
      idle.future().onComplete(done -> vertx.cancelTimer(timer));
    }
    // the last job completes this on its own thread and request context; answer on the caller's
    Promise<Long> answer = Promise.promise();
    idle.future().onComplete(done -> {
      idleWaiters.remove(idle);
      caller.runOnContext(v -> answer.handle(done));
    });
    return answer.future();
  }

  /** The body of {@code /jobs}: totals, then the same counts for each way. */
  public JsonObject toJson() {
    JsonObject byWhere = new JsonObject();
    for (Where where : Where.values()) {
      byWhere.put(where.label(), new JsonObject()
          .put("accepted", accepted.get(where).get())
          .put("completed", completed.get(where).get())
          .put("failed", failed.get(where).get())
          .put("pending", pending(where)));
    }
    return new JsonObject()
        .put("jobs_accepted", accepted())
        .put("jobs_completed", completed())
        .put("jobs_failed", failed.values().stream().mapToLong(AtomicLong::get).sum())
        .put("jobs_pending", pending())
        .put("by_where", byWhere);
  }

  /** One line for the shutdown log: what is still pending, by way. */
  String pendingSummary() {
    StringBuilder summary = new StringBuilder();
    for (Where where : Where.values()) {
      summary.append(summary.length() == 0 ? "" : ", ").append(where.label()).append('=').append(pending(where));
    }
    return summary.toString();
  }

  private static Map<Where, AtomicLong> counters() {
    Map<Where, AtomicLong> counters = new EnumMap<>(Where.class);
    for (Where where : Where.values()) {
      counters.put(where, new AtomicLong());
    }
    return counters;
  }
}

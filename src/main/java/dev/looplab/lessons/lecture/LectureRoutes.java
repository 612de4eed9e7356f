package dev.looplab.lessons.lecture;

import dev.looplab.lessons.CpuWork;
import dev.looplab.lessons.lecture.BackgroundJobs.Where;
import dev.looplab.server.BadRequestException;
import dev.looplab.server.ErrorReplies;
import dev.looplab.server.RequestId;
import dev.looplab.server.RouteRun;
import dev.looplab.server.ServerConfig;
import dev.looplab.server.TaskTime;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The second lesson's routes: work that outlives its response (three ways), CPU-bound work on the
 * loop or a worker, and a sleep on a virtual thread. They answer with the lab's usual JSON fields.
 */
public final class LectureRoutes {
  /** Event-bus header that carries the request id to a consumer on another thread. */
  static final String REQUEST_ID_HEADER = "looplab-request-id";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Vertx vertx;
  private final ServerConfig config;
  private final Lecture lecture;

  private LectureRoutes(Vertx vertx, ServerConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.lecture = Lecture.of(vertx);
  }

  static void mount(Router router, Vertx vertx, ServerConfig config) {
    LectureRoutes routes = new LectureRoutes(vertx, config);
    router.get("/background-run").handler(routes::backgroundRun);
    router.get("/jobs").handler(rc -> rc.json(routes.lecture.jobs().toJson()));
    router.get("/cpu-run").handler(routes::cpuRun);
    router.get("/virtual-run").handler(routes::virtualRun);
  }

  private void backgroundRun(RoutingContext rc) {
    Where where = where(rc, Where.LOOP, Where.WORKER, Where.QUEUE);
    RouteRun run = RouteRun.begin("background-run", TaskTime.of(rc, config.taskMs()));
    if (where == Where.QUEUE && !lecture.queueRunning()) {
      ErrorReplies.send(rc, 503, "queue_not_running", "the job queue's consumers are not deployed in this server");
      return;
    }
    BackgroundJobs jobs = lecture.jobs();
    long jobId = jobs.accept(where);
    rc.json(run.finish().put("where", where.label()).put("job_id", jobId).put("jobs_pending", jobs.pending()));
    switch (where) {
      // queued behind the response on this very loop: the answer is out, but the loop is not free
      case LOOP -> vertx.getOrCreateContext().runOnContext(v -> jobs.run(jobId, where, run.taskMs()));
      // unordered: the ordered default would run this verticle's jobs one at a time
      case WORKER -> vertx.executeBlocking(() -> {
        jobs.run(jobId, where, run.taskMs());
        return null;
      }, false);
      case QUEUE -> vertx.eventBus().send(JobQueueVerticle.ADDRESS,
          new JsonObject().put("job_id", jobId).put("ms", run.taskMs()), withRequestId());
    }
  }

  private void cpuRun(RoutingContext rc) {
    Where where = where(rc, Where.LOOP, Where.WORKER);
    if (!CpuWork.calibrated()) {
      // the first /cpu-run calibrates, on a worker, then runs as usual back on this request's loop
      TaskTime.of(rc, config.taskMs()); // a bad ?ms= is a 400 at once, not after the calibration
      vertx.executeBlocking(CpuWork::calibrate, false).onSuccess(rate -> cpuRun(rc)).onFailure(rc::fail);
      return;
    }
    RouteRun run = RouteRun.begin("cpu-run", TaskTime.of(rc, config.taskMs()));
    long units = CpuWork.unitsFor(run.taskMs());
    if (where == Where.LOOP) {
      rc.json(cpuAnswer(run, where, units, compute(units)));  // blocks this loop for the whole computation
      return;
    }
    vertx.executeBlocking(() -> {
          run.workerStarted();
          return compute(units);
        }, false)
        .onSuccess(result -> rc.json(cpuAnswer(run, where, units, result)))
        .onFailure(rc::fail);
  }

  private void virtualRun(RoutingContext rc) {
    String unavailable = lecture.virtualThreadsUnavailable();
    if (unavailable != null) {
      ErrorReplies.send(rc, 501, "virtual_threads_unavailable", "/virtual-run needs virtual threads (JDK 21 or newer); this server runs JDK "
          + Runtime.version() + " (" + unavailable + "); /fast-run and /standard-run show the other two ways to wait");
      return;
    }
    RouteRun run = RouteRun.begin("virtual-run", TaskTime.of(rc, config.taskMs()));
    DeliveryOptions delivery = withRequestId().setSendTimeout(run.taskMs() + 30_000L);
    vertx.eventBus().<JsonObject>request(VirtualRunVerticle.ADDRESS, run.taskMs(), delivery)
        .onSuccess(reply -> rc.json(run.finish(reply.body().getString("thread"))
            .put("virtual_thread_before", reply.body().getString("virtual_thread_before"))
            .put("virtual_thread_after", reply.body().getString("virtual_thread_after"))))
        .onFailure(rc::fail);
  }

  /** The computation and what it cost this thread in CPU time, which a busy machine makes smaller than the wall time. */
  private static CpuResult compute(long units) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long checksum = CpuWork.run(units, System.nanoTime());
    return new CpuResult(Thread.currentThread().getName(), checksum, (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6);
  }

  private static JsonObject cpuAnswer(RouteRun run, Where where, long units, CpuResult result) {
    return run.finish(result.thread())
        .put("where", where.label())
        .put("work_units", units)
        .put("cpu_ms", Math.round(result.cpuMs() * 1000) / 1000.0)
        .put("checksum", Long.toHexString(result.checksum()));
  }

  private record CpuResult(String thread, long checksum, double cpuMs) {}

  private static DeliveryOptions withRequestId() {
    String requestId = RequestId.current();
    DeliveryOptions delivery = new DeliveryOptions();
    return requestId == null ? delivery : delivery.addHeader(REQUEST_ID_HEADER, requestId);
  }

  /** {@code ?where=...}, one of {@code allowed}; the first of them (the loop) when absent, as on /slow-run. */
  private static Where where(RoutingContext rc, Where... allowed) {
    String raw = rc.queryParams().get("where");
    if (raw == null) {
      return allowed[0];
    }
    for (Where where : allowed) {
      if (where.label().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return where;
      }
    }
    String choices = Arrays.stream(allowed).map(Where::label).collect(Collectors.joining(", "));
    throw new BadRequestException("where must be one of " + choices + " on " + rc.request().path() + ", got '" + raw + "'");
  }
}

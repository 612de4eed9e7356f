package dev.looplab.lessons.lecture;

import dev.looplab.lessons.CpuWork;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second lesson's pieces that live beside the lab verticles, one set per Vertx: the background
 * jobs, the job queue's consumers and the virtual-thread verticle. Kept in Vert.x's local shared
 * data so that every verticle instance (and every test's own Vertx) finds its own.
 */
public final class Lecture implements Shareable {
  private static final Logger LOG = LoggerFactory.getLogger(Lecture.class);
  private static final String SHARED_MAP = "dev.looplab.lecture";
  /** Consumers of the job queue: a fixed size, chosen apart from the web tier, like a queue's own service. */
  static final int QUEUE_CONSUMERS = 4;

  private final BackgroundJobs jobs = new BackgroundJobs();
  private volatile boolean queueRunning;
  private volatile String virtualThreadsUnavailable = "the virtual-thread verticle is not deployed";

  private Lecture() {}

  public static Lecture of(Vertx vertx) {
    return vertx.sharedData().<String, Lecture>getLocalMap(SHARED_MAP).computeIfAbsent("lecture", key -> new Lecture());
  }

  /**
   * Deploys the queue consumers and the virtual-thread verticle. A JDK without virtual threads is not
   * a failure: {@code /virtual-run} then answers 501 and says why. The CPU work is calibrated later,
   * on a worker, by the first {@code /cpu-run}: start-up does not wait for it.
   */
  static Future<Void> deploy(Vertx vertx) {
    Lecture lecture = of(vertx);
    Future<String> queue = vertx.deployVerticle(JobQueueVerticle::new, new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER).setInstances(QUEUE_CONSUMERS));
    Future<Void> virtual = vertx.deployVerticle(VirtualRunVerticle::new, new DeploymentOptions()
            .setThreadingModel(ThreadingModel.VIRTUAL_THREAD))
        .<Void>mapEmpty()
        .recover(failure -> {
          lecture.virtualThreadsUnavailable = failure.getMessage();
          LOG.info("/virtual-run is off on JDK {}: {}", Runtime.version(), failure.getMessage());
          return Future.succeededFuture();
        });
    return Future.all(queue, virtual)
        .onSuccess(all -> LOG.info("lecture routes ready: {} queue consumer(s)", QUEUE_CONSUMERS))
        .mapEmpty();
  }

  /**
   * Waits up to {@code graceMs} for pending background jobs, logs what was not done, and completes
   * with that count.
   */
  static Future<Long> finishJobs(Vertx vertx, long graceMs) {
    BackgroundJobs jobs = of(vertx).jobs;
    long pending = jobs.pending();
    if (pending > 0) {
      LOG.info("waiting up to {} ms for {} background job(s): {}", graceMs, pending, jobs.pendingSummary());
    }
    return jobs.whenIdle(vertx, graceMs).onSuccess(notDone -> {
      if (notDone > 0) {
        LOG.warn("{} background job(s) not done at the end of the grace period: {}", notDone, jobs.pendingSummary());
      } else if (pending > 0) {
        LOG.info("all background jobs done: {} accepted, {} completed", jobs.accepted(), jobs.completed());
      }
    });
  }

  public BackgroundJobs jobs() {
    return jobs;
  }

  boolean queueRunning() {
    return queueRunning;
  }

  void queueStarted() {
    queueRunning = true;
  }

  /** Why {@code /virtual-run} cannot run here, or null when it can. */
  String virtualThreadsUnavailable() {
    return virtualThreadsUnavailable;
  }

  void virtualThreadsReady() {
    virtualThreadsUnavailable = null;
  }
}

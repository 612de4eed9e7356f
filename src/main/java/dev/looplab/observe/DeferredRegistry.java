package dev.looplab.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The Prometheus registry behind {@code /metrics}, built once the server answers rather than before:
 * the registry and its first meters load some 250 classes, about 100 ms of a one-core cold start.
 * Until it is built, registrations (meters, and the timings of the first requests) wait here, and
 * the building thread runs them in the order they came; from the moment it is built, a registration
 * runs at once on its caller's thread. {@link #await} returns once the waiting ones have run.
 */
final class DeferredRegistry {
  private final List<Consumer<? super PrometheusMeterRegistry>> waiting = new ArrayList<>();
  private final AtomicBoolean building = new AtomicBoolean();
  private final CountDownLatch built = new CountDownLatch(1);
  private volatile PrometheusMeterRegistry registry;
  private volatile Thread builder;

  /** One already built, for tests and for {@code --instrumentation vertx}, whose Vertx needs it at birth. */
  static DeferredRegistry of(PrometheusMeterRegistry registry) {
    DeferredRegistry deferred = new DeferredRegistry();
    deferred.building.set(true);
    deferred.registry = registry;
    deferred.built.countDown();
    return deferred;
  }

  /** The registry, or null while it is not built: one volatile read, for the request path. */
  PrometheusMeterRegistry now() {
    return registry;
  }

  /** Runs {@code registration} with the registry: now when it is built, else on the building thread, in order. */
  void whenBuilt(Consumer<? super PrometheusMeterRegistry> registration) {
    PrometheusMeterRegistry current;
    synchronized (waiting) {
      current = registry;
      if (current == null) {
        waiting.add(registration);
        return;
      }
    }
    registration.accept(current);
  }

  /** Builds it on a thread of its own after {@code delayMs}, or as soon as {@link #buildSoon} asks. */
  void buildWithin(long delayMs) {
    Thread thread = new Thread(() -> {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMs));
      buildOnce();
    }, "looplab-metrics-registry");
    thread.setDaemon(true);
    builder = thread;
    thread.start();
  }

  /** Wakes the building thread early (the first request has ended); cheap when there is nothing to do. */
  void buildSoon() {
    Thread thread = builder;
    if (thread != null && registry == null) {
      LockSupport.unpark(thread);
    }
  }

  /** The registry, built here if nobody has started to yet, else waited for. Never on an event loop. */
  PrometheusMeterRegistry await() {
    buildOnce();
    boolean interrupted = false;
    while (true) {
      try {
        built.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (registry == null) {
      throw new IllegalStateException("the metrics registry could not be built");
    }
    return registry;
  }

  private void buildOnce() {
    if (!building.compareAndSet(false, true)) {
      return;
    }
    try {
      PrometheusMeterRegistry made = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // before any meter: micrometer applies a filter only to the meters registered after it
      made.config().meterFilter(new BoundedLabels());
      List<Consumer<? super PrometheusMeterRegistry>> queued;
      synchronized (waiting) {
        registry = made; // from here on a registration runs on its caller's thread
        queued = new ArrayList<>(waiting);
        waiting.clear();
      }
      queued.forEach(registration -> registration.accept(made));
    } finally {
      built.countDown();
    }
  }
}

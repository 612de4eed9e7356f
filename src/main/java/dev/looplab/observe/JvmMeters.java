package dev.looplab.observe;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;

/**
 * The JVM's own meters ({@code jvm_*}, {@code process_*}, {@code system_*}), the set vertx-micrometer
 * binds, bound by the first scrape rather than at start: binding reads the JVM's management beans,
 * tens of milliseconds that the first request would otherwise wait for on a one-core start. GC
 * pauses are counted from then on.
 */
final class JvmMeters {
  private final DeferredRegistry registry;
  // made by the first scrape: their constructors already read the memory pools and listen for GCs
  private JvmGcMetrics gc;
  private JvmHeapPressureMetrics heapPressure;

  JvmMeters(DeferredRegistry registry) {
    this.registry = registry;
  }

  synchronized void bindOnce() {
    if (gc != null) {
      return;
    }
    gc = new JvmGcMetrics();
    heapPressure = new JvmHeapPressureMetrics();
    for (MeterBinder binder : List.of(new ClassLoaderMetrics(), new JvmCompilationMetrics(), gc, heapPressure,
        new JvmInfoMetrics(), new JvmMemoryMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(), new UptimeMetrics())) {
      binder.bindTo(registry.await());
    }
  }

  /** Removes the GC listeners (tests run many servers in one JVM). */
  synchronized void close() {
    if (gc != null) {
      gc.close();
      heapPressure.close();
    }
  }
}

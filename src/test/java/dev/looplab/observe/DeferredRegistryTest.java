package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeferredRegistryTest {
  private final DeferredRegistry deferred = new DeferredRegistry();

  @Test
  void registrationsWaitForTheBuildAndRunInTheOrderTheyCameThenAtOnce() {
    List<String> ran = new CopyOnWriteArrayList<>();
    deferred.whenBuilt(registry -> ran.add("first"));
    deferred.whenBuilt(registry -> {
      ran.add("second");
      deferred.whenBuilt(again -> ran.add("added by the second")); // built by now: runs at once
    });
    deferred.whenBuilt(registry -> ran.add("third"));
    assertTrue(ran.isEmpty());
    assertNull(deferred.now());

    PrometheusMeterRegistry built = deferred.await();
    assertEquals(List.of("first", "second", "added by the second", "third"), ran);
    assertSame(built, deferred.now());

    deferred.whenBuilt(registry -> ran.add("after"));
    assertEquals("after", ran.get(ran.size() - 1), "once built, a registration runs at once");
  }

  @Test
  void theFirstRequestWakesTheBuilderBeforeItsDelay() throws InterruptedException {
    CountDownLatch built = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    deferred.whenBuilt(registry -> {
      thread.set(Thread.currentThread().getName());
      built.countDown();
    });
    deferred.buildWithin(TimeUnit.MINUTES.toMillis(10));
    deferred.buildSoon();
    assertTrue(built.await(10, TimeUnit.SECONDS), "built long before its ten minutes");
    assertEquals("looplab-metrics-registry", thread.get());
  }

  @Test
  void everyRegistrationFromManyThreadsDuringTheBuildRunsExactlyOnce() throws InterruptedException {
    int threads = 4;
    int each = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> registering = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < each; i++) {
          deferred.whenBuilt(registry -> registry.counter("registrations").increment());
        }
      });
      thread.start();
      registering.add(thread);
    }
    go.countDown();
    PrometheusMeterRegistry built = deferred.await();
    for (Thread thread : registering) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    Counter counter = built.find("registrations").counter();
    assertNotNull(counter);
    assertEquals(threads * each, counter.count());
  }

  @Test
  void theRegistryKeepsEveryLabelBounded() {
    PrometheusMeterRegistry built = deferred.await();
    built.counter("probe", "method", "M0FLOOD").increment();
    assertNotNull(built.find("probe").tag("method", BoundedLabels.OTHER_METHOD).counter());
  }
}

package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RouteMetersTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RouteMeters sayHi = new RouteMeters("/say-hi", new LongAdder(), registry);

  private Timer series(String route, String method, String code) {
    return registry.find(RouteMeters.REQUESTS).tag("route", route).tag("method", method).tag("code", code).timer();
  }

  @Test
  void twoRequestsToTheSameRouteMethodAndCodeCountTwoOnOneSeries() {
    sayHi.ended(HttpMethod.GET, 200, TimeUnit.MILLISECONDS.toNanos(2));
    sayHi.ended(HttpMethod.GET, 200, TimeUnit.MILLISECONDS.toNanos(4));

    Timer timer = series("/say-hi", "GET", "200");
    assertEquals(2, timer.count());
    assertEquals(6.0, timer.totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(4.0, timer.max(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(1, registry.find(RouteMeters.REQUESTS).timers().size());
  }

  @Test
  void aHeadAndA404LandOnSeriesOfTheirOwn() {
    sayHi.ended(HttpMethod.GET, 200, 1_000);
    sayHi.ended(HttpMethod.HEAD, 200, 1_000);
    sayHi.ended(HttpMethod.GET, 404, 1_000);

    assertEquals(1, series("/say-hi", "GET", "200").count());
    assertEquals(1, series("/say-hi", "HEAD", "200").count());
    assertEquals(1, series("/say-hi", "GET", "404").count());
    assertEquals(3, registry.find(RouteMeters.REQUESTS).timers().size());
  }

  @Test
  void anInventedMethodIsOtherAndAnOddCodeIsOther() {
    sayHi.ended(HttpMethod.valueOf("M0FLOOD"), 405, 1_000);
    sayHi.ended(HttpMethod.valueOf("M1FLOOD"), 405, 1_000);
    sayHi.ended(HttpMethod.TRACE, 405, 1_000);
    sayHi.ended(HttpMethod.GET, 600, 1_000);
    sayHi.ended(HttpMethod.GET, 99, 1_000);

    assertEquals(3, series("/say-hi", "OTHER", "405").count());
    assertEquals(2, series("/say-hi", "GET", "other").count());
    assertEquals(2, registry.find(RouteMeters.REQUESTS).timers().size());
  }

  @Test
  void everyKnownMethodHasItsOwnLabel() {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
        HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS}) {
      sayHi.ended(HttpMethod.valueOf(method.name()), 200, 1_000); // as parsed from a request line
      assertNotNull(series("/say-hi", method.name(), "200"), method.name());
    }
    assertEquals(7, registry.find(RouteMeters.REQUESTS).timers().size());
  }

  @Test
  void aTimerIsFoundOnceAndThenHeld() {
    Timer first = sayHi.timer(0, 200);
    assertSame(first, sayHi.timer(0, 200));
    // another route's table asking for the same series gets the same meter from the registry
    assertSame(first, new RouteMeters("/say-hi", new LongAdder(), registry).timer(0, 200));
  }

  @Test
  void recordingAllocatesNothingOnceTheTimerIsFound() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    sayHi.ended(HttpMethod.GET, 200, 1_000);
    threads.getCurrentThreadAllocatedBytes(); // its own first call may allocate
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 10_000; i++) {
      sayHi.ended(HttpMethod.GET, 200, 1_000 + i);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // a registry lookup builds an id and its tags: some hundred bytes per request, a megabyte here
    assertTrue(allocated < 10_000, allocated + " bytes allocated by 10,000 recordings");
    assertEquals(10_001, series("/say-hi", "GET", "200").count());
  }

  @Test
  void requestsThatEndBeforeTheRegistryIsBuiltAreRecordedWhenItIs() {
    DeferredRegistry later = new DeferredRegistry();
    RouteMeters early = new RouteMeters("/say-hi", new LongAdder(), later);
    early.ended(HttpMethod.GET, 200, TimeUnit.MILLISECONDS.toNanos(3));
    early.ended(HttpMethod.GET, 200, TimeUnit.MILLISECONDS.toNanos(5));
    early.ended(HttpMethod.HEAD, 404, TimeUnit.MILLISECONDS.toNanos(1));
    assertNull(later.now(), "nothing has built the registry yet");

    PrometheusMeterRegistry built = later.await();
    Timer get = built.find(RouteMeters.REQUESTS).tag("method", "GET").tag("code", "200").timer();
    assertEquals(2, get.count());
    assertEquals(8.0, get.totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(5.0, get.max(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(1, built.find(RouteMeters.REQUESTS).tag("method", "HEAD").tag("code", "404").timer().count());
  }
}

package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The accessors the live page reads: a loop's lag, what holds it, its requests in flight; the worker pool. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LiveStatusTest {

  @Test
  void aLoopBlockedNowShowsItsRouteRequestInFlightAndGrowingLag() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      long before = System.nanoTime();
      Future<HttpResponse<Buffer>> running = lab.client.request(HttpMethod.GET, "/slow-run?ms=600")
          .putHeader("X-Request-Id", "live-slow").send();
      LoopStatus held = poll(() -> lab.observatory().loopStatus(before),
          loop -> "live-slow".equals(loop.requestId()) && loop.runningMs() >= 300);

      assertEquals("/slow-run", held.route());
      assertEquals(Map.of("/slow-run", 1), held.inFlight());
      assertTrue(held.lagMs() >= 200, "the overdue probe tick counts while the loop is held: " + held.lagMs());
      running.await();

      LoopStatus after = poll(() -> lab.observatory().loopStatus(before), loop -> loop.route() == null);
      assertTrue(after.inFlight().isEmpty(), after.toString());
      assertTrue(after.lagMs() >= 500, "the late tick is remembered after the block: " + after.lagMs());
      // the answer can reach us before the loop runs its overdue probe tick, which records the stall
      // as it fires; the loop has run that tick by the time it serves its next request
      lab.client.request(HttpMethod.GET, "/say-hi").send().await();
      long later = System.nanoTime();
      LoopStatus calm = poll(() -> lab.observatory().loopStatus(later), loop -> true);
      assertTrue(calm.lagMs() < 100, "a reader looking from now on sees no old stall: " + calm.lagMs());
    }
  }

  @Test
  void workerStatusCountsTasksRunningOnThePool() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config().withWorkerPoolSize(1))) {
      Future<HttpResponse<Buffer>> first = lab.client.request(HttpMethod.GET, "/standard-run?ms=500").send();
      Future<HttpResponse<Buffer>> second = lab.client.request(HttpMethod.GET, "/standard-run?ms=500").send();
      WorkerStatus busy = poll(() -> List.of(lab.observatory().workerStatus()), w -> w.active() == 1 && w.queued() == 1);
      assertEquals(new WorkerStatus(1, 1), busy);
      Future.all(first, second).await();
      assertEquals(new WorkerStatus(0, 0), lab.observatory().workerStatus());
    }
  }

  private static <T> T poll(Supplier<List<T>> read, Predicate<T> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (T item : read.get()) {
        if (wanted.test(item)) {
          return item;
        }
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not seen within 10 s: " + read.get());
  }
}

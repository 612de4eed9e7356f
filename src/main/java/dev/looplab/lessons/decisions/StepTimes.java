package dev.looplab.lessons.decisions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** How long each step of one decision took, in milliseconds, in the order they ran. */
final class StepTimes {
  private final JsonObject steps = new JsonObject();

  /** Times the step from the call to its completion (for a blocking style the call itself is the whole step). */
  <T> Future<T> time(String step, Supplier<Future<T>> call) {
    long start = System.nanoTime();
    return call.get().onComplete(done -> steps.put(step, Math.round((System.nanoTime() - start) / 1_000.0) / 1_000.0));
  }

  JsonObject toJson() {
    return steps.copy();
  }
}

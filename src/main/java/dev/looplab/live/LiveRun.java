package dev.looplab.live;

import dev.looplab.driver.CallLog;
import dev.looplab.model.CallRecord;
import dev.looplab.model.Mode;
import dev.looplab.model.Prediction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * One experiment started from the page, as it goes: its calls as they are sent and answered (read
 * from the driver's own log), then the measured total beside the model's prediction.
 */
final class LiveRun {
  enum State { STARTING, RUNNING, DONE, FAILED }

  private final int id;
  private final ExperimentRequest request;
  private volatile State state = State.STARTING;
  private volatile Supplier<CallLog> log = () -> null;
  private volatile Prediction prediction;
  private volatile double measuredMs = Double.NaN;
  private volatile String failure;

  LiveRun(int id, ExperimentRequest request) {
    this.id = id;
    this.request = request;
  }

  int id() {
    return id;
  }

  /** From now on the run's calls are read from {@code callLog} (null until the driver has begun). */
  void running(Supplier<CallLog> callLog) {
    log = callLog;
    state = State.RUNNING;
  }

  Mode mode() {
    return request.mode();
  }

  void done(double wallMs, Prediction predicted) {
    measuredMs = wallMs;
    prediction = predicted;
    state = State.DONE;
  }

  void failed(String why) {
    failure = why;
    state = State.FAILED;
  }

  boolean finished() {
    return state == State.DONE || state == State.FAILED;
  }

  /** The run as the page draws it: one entry per call sent so far, with its lane once it has ended. */
  JsonObject toJson() {
    CallLog calls = log.get();
    JsonObject json = request.toJson().put("id", id).put("state", state.name().toLowerCase())
        .put("bars", calls == null ? new JsonArray() : bars(calls))
        .put("elapsed_ms", calls == null ? 0 : state == State.DONE ? measuredMs : calls.elapsedMs());
    if (state == State.DONE) {
      json.put("measured_ms", measuredMs);
      Prediction p = prediction;
      if (p != null) {
        json.put("predicted_ms", p.wallMs()).put("reasoning", p.reasoning()).put("verdict", p.verdict(measuredMs));
      }
    }
    return failure == null ? json : json.put("error", failure);
  }

  private static JsonArray bars(CallLog calls) {
    JsonArray bars = new JsonArray();
    for (int i = 0; i < calls.plan().calls(); i++) {
      double start = calls.startMs(i);
      if (Double.isNaN(start)) {
        continue;
      }
      CallRecord ended = calls.ended(i);
      JsonObject bar = new JsonObject().put("i", i).put("start_ms", start);
      if (ended != null) {
        bar.put("end_ms", ended.endMs()).put("lane", lane(ended))
            .put("status", ended.ok() ? String.valueOf(ended.status()) : ended.errorLabel())
            .put("request_id", ended.requestId());
      }
      bars.add(bar);
    }
    return bars;
  }

  /** The server thread that did the call's work; failed calls have a lane of their own. */
  private static String lane(CallRecord call) {
    return call.thread() != null ? call.thread() : call.ok() ? "unknown thread" : "no answer";
  }
}

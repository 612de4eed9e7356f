package dev.looplab.report;

import dev.looplab.model.CallRecord;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The one mapping between a call record and its named fields, shared by the CSV and JSON reports. */
final class CallJson {
  static final List<String> FIELDS = List.of("index", "status", "app_instance_id", "thread", "event_loop", "request_id",
      "start_ms", "end_ms", "latency_ms", "server_duration_ms", "queue_ms", "error", "error_detail");

  private CallJson() {}

  static JsonObject toJson(CallRecord c) {
    JsonObject json = new JsonObject()
        .put("index", c.index())
        .put("status", c.status())
        .put("app_instance_id", c.appInstanceId())
        .put("thread", c.thread())
        .put("event_loop", c.eventLoop())
        .put("request_id", c.requestId())
        .put("start_ms", c.startMs())
        .put("end_ms", c.endMs())
        .put("latency_ms", Math.round(c.latencyMs() * 1000) / 1000.0)
        .put("server_duration_ms", c.serverDurationMs())
        .put("queue_ms", c.queueMs())
        .put("error", c.error() == null ? null : c.error().label())
        .put("error_detail", c.errorDetail());
    return json;
  }
}

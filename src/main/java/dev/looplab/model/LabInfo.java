package dev.looplab.model;

import io.vertx.core.json.JsonObject;

/** The part of the server's {@code GET /info} that the timing model needs, plus the whole answer. */
public record LabInfo(int instances, int taskMs, int workerPoolSize, int maxConcurrency, String appInstanceId, JsonObject raw) {

  /** Reads the flat {@code /info} JSON; fails if a field the model needs is missing. */
  public static LabInfo from(JsonObject info) {
    return new LabInfo(
        required(info, "instances"),
        required(info, "task_ms"),
        required(info, "worker_pool_size"),
        info.getInteger("max_concurrency", 0),
        info.getString("app_instance_id", "?"),
        info.copy());
  }

  private static int required(JsonObject info, String key) {
    Object value = info.getValue(key);
    if (!(value instanceof Number n) || n.intValue() < 0) {
      throw new IllegalArgumentException("/info has no usable '" + key + "'");
    }
    return n.intValue();
  }
}

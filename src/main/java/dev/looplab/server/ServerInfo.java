package dev.looplab.server;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** The bodies of {@code /info} and {@code /health}. */
final class ServerInfo {
  private ServerInfo() {}

  static JsonObject of(ServerConfig config) {
    return config.toJson()
        .put("app_instance_id", AppInstance.ID)
        .put("pid", ProcessHandle.current().pid())
        .put("started_at", AppInstance.STARTED_AT.toString())
        .put("uptime_ms", Duration.between(AppInstance.STARTED_AT, Instant.now()).toMillis())
        .put("jdk", Runtime.version().toString())
        .put("jdk_vendor", System.getProperty("java.vendor"))
        .put("cores", Runtime.getRuntime().availableProcessors());
  }

  static JsonObject health() {
    return new JsonObject().put("status", "UP").put("app_instance_id", AppInstance.ID);
  }
}

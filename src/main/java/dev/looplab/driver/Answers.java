package dev.looplab.driver;

import dev.looplab.model.CallRecord;
import dev.looplab.model.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Turns what came back from one call (an answer or a failure) into its record. */
final class Answers {
  private Answers() {}

  static CallRecord answered(int index, HttpResponse<Buffer> response, double startMs, double endMs, String sentId) {
    JsonObject body = jsonOrEmpty(response.body());
    int status = response.statusCode();
    String requestId = body.getString("request_id", response.getHeader("X-Request-Id"));
    boolean error = status >= 400;
    return new CallRecord(index, status,
        body.getString("app_instance_id"),
        body.getString("thread"),
        body.getString("event_loop"),
        requestId == null ? sentId : requestId,
        startMs, endMs,
        number(body, "duration_ms"),
        number(body, "queue_ms"),
        error ? ErrorKind.ofStatus(status) : null,
        error ? errorDetail(status, body) : null);
  }

  static CallRecord failed(int index, Throwable failure, double startMs, double endMs, String sentId) {
    return new CallRecord(index, 0, null, null, null, sentId, startMs, endMs, null, null,
        ErrorKind.of(failure), String.valueOf(failure.getMessage()));
  }

  private static String errorDetail(int status, JsonObject body) {
    String error = body.getString("error");
    return error == null ? "HTTP " + status : "HTTP " + status + " " + error;
  }

  private static Double number(JsonObject body, String key) {
    Object value = body.getValue(key);
    return value instanceof Number n ? n.doubleValue() : null;
  }

  private static JsonObject jsonOrEmpty(Buffer body) {
    if (body == null || body.length() == 0 || body.getByte(0) != '{') {
      return new JsonObject();
    }
    try {
      return body.toJsonObject();
    } catch (DecodeException e) {
      return new JsonObject();
    }
  }
}

package dev.looplab.lessons.decisions;

import dev.looplab.server.BadRequestException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** The body of {@code POST /decisions}: {@code {"features": [0.3, 1.2, 5.0]}}, 1 to 64 finite numbers. */
record DecisionRequest(double[] features) {
  static final int MAX_FEATURES = 64;

  static DecisionRequest parse(Buffer body) {
    JsonObject json;
    try {
      json = body == null || body.length() == 0 ? null : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      json = null;
    }
    if (json == null) {
      throw new BadRequestException("body must be a JSON object such as {\"features\": [0.3, 1.2, 5.0]}");
    }
    if (!(json.getValue("features") instanceof JsonArray array)) {
      throw new BadRequestException("features must be an array of 1 to " + MAX_FEATURES + " numbers");
    }
    if (array.isEmpty() || array.size() > MAX_FEATURES) {
      throw new BadRequestException("features must hold 1 to " + MAX_FEATURES + " numbers, got " + array.size());
    }
    double[] features = new double[array.size()];
    for (int i = 0; i < features.length; i++) {
      if (!(array.getValue(i) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
        throw new BadRequestException("features[" + i + "] must be a finite number, got " + array.getValue(i));
      }
      features[i] = number.doubleValue();
    }
    return new DecisionRequest(features);
  }

  /** The Redis key of this request's cached decision: the features themselves, so equal requests share it. */
  String cacheKey() {
    return "looplab:decision:" + Arrays.toString(features);
  }

  String featuresText() {
    return Arrays.toString(features);
  }
}

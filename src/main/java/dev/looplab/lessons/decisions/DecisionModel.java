package dev.looplab.lessons.decisions;

import dev.looplab.lessons.CpuWork;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * The lecture's model, as real CPU work: a fixed amount of the lab's calibrated work, seeded by the
 * features, then a logistic score of them. The same features always give the same decision.
 */
final class DecisionModel {
  private DecisionModel() {}

  static Decision predict(double[] features, int modelMs) {
    long checksum = CpuWork.run(CpuWork.unitsFor(modelMs), Arrays.hashCode(features));
    double weighted = 0;
    for (int i = 0; i < features.length; i++) {
      weighted += features[i] * (i % 2 == 0 ? 0.8 : -0.5) / Math.sqrt(i + 1.0);
    }
    double score = 1 / (1 + Math.exp(-weighted));
    return new Decision(score >= 0.5 ? "approve" : "decline", Math.round(score * 1e6) / 1e6, Long.toHexString(checksum));
  }

  /** What the model says; cached in Redis as JSON. */
  record Decision(String decision, double score, String checksum) {
    JsonObject toJson() {
      return new JsonObject().put("decision", decision).put("score", score).put("checksum", checksum);
    }

    static Decision fromJson(String json) {
      JsonObject parsed = new JsonObject(json);
      return new Decision(parsed.getString("decision"), parsed.getDouble("score"), parsed.getString("checksum"));
    }
  }
}

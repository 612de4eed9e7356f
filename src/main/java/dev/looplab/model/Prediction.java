package dev.looplab.model;

/**
 * What the model of the loop expects a run's wall time to be, and why. Measured and predicted
 * "disagree" when the ratio is off by more than 25 % and by more than a 50 ms noise floor (below
 * that, connection set-up and scheduling dominate and the ratio means little). {@code refused} is
 * the number of calls the model expects to be answered 429 (too many requests).
 */
public record Prediction(double wallMs, int refused, String reasoning) {
  public static final double TOLERANCE = 0.25;
  public static final double NOISE_FLOOR_MS = 50;

  /** How a measured wall time compares to the prediction: its label is the suite's verdict column. */
  public enum Agreement {
    /** Within the tolerance. */
    OK("ok"),
    /** Off by more than the tolerance but by less than the noise floor: too small to judge. */
    NOISE("noise"),
    /** Off by more than both: the model or the measurement is wrong. */
    DISAGREES("DISAGREES");

    private final String label;

    Agreement(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** measured / predicted. */
  public double ratio(double measuredMs) {
    return wallMs <= 0 ? Double.NaN : measuredMs / wallMs;
  }

  public Agreement agreement(double measuredMs) {
    double ratio = ratio(measuredMs);
    if (!Double.isNaN(ratio) && Math.abs(ratio - 1) <= TOLERANCE) {
      return Agreement.OK;
    }
    return Math.abs(measuredMs - wallMs) > NOISE_FLOOR_MS ? Agreement.DISAGREES : Agreement.NOISE;
  }

  public boolean disagrees(double measuredMs) {
    return agreement(measuredMs) == Agreement.DISAGREES;
  }

  /** One plain sentence on how measured compares to predicted. */
  public String verdict(double measuredMs) {
    Agreement agreement = agreement(measuredMs);
    if (agreement == Agreement.OK) {
      return "as predicted";
    }
    if (agreement == Agreement.NOISE) {
      return String.format("off by less than the %.0f ms noise floor: too small to judge", NOISE_FLOOR_MS);
    }
    return String.format("DISAGREES: measured is %.0f %% %s than predicted",
        Math.abs(ratio(measuredMs) - 1) * 100, measuredMs > wallMs ? "slower" : "faster");
  }
}

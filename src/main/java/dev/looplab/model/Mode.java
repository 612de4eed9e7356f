package dev.looplab.model;

/** How the calls of a run are issued. */
public enum Mode {
  /** One call at a time, each after the previous one answered: the naive client. */
  SYNC,
  /** All calls in flight at once, or at most {@code --concurrency} at a time. */
  ASYNC;

  public String label() {
    return name().toLowerCase();
  }

  public static Mode parse(String label) {
    return valueOf(label.toUpperCase());
  }
}

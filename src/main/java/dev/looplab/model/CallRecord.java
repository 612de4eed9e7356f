package dev.looplab.model;

/**
 * One call as the driver saw it. Times are milliseconds from the run's start on the client's clock;
 * {@code serverDurationMs} and {@code queueMs} are what the server reported (null when absent);
 * {@code status} is 0 and {@code error} not null when no answer came back.
 */
public record CallRecord(
    int index,
    int status,
    String appInstanceId,
    String thread,
    String eventLoop,
    String requestId,
    double startMs,
    double endMs,
    Double serverDurationMs,
    Double queueMs,
    ErrorKind error,
    String errorDetail) {

  public double latencyMs() {
    return endMs - startMs;
  }

  /** True when the server answered, whatever the status. */
  public boolean answered() {
    return status > 0;
  }

  public boolean ok() {
    return error == null;
  }

  /** "status 500", "timeout", "refused", "other"; null for a call that went well. */
  public String errorLabel() {
    if (error == null) {
      return null;
    }
    return error == ErrorKind.STATUS ? "status " + status : error.label();
  }
}

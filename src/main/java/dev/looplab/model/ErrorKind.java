package dev.looplab.model;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Why a call did not end well: the server answered with an error status, or 429 (a capacity limit
 * said no: counted apart, as it is not an application error), or there was no answer.
 */
public enum ErrorKind {
  STATUS, THROTTLED, TIMEOUT, REFUSED, OTHER;

  public static final int TOO_MANY_REQUESTS = 429;

  /** The kind of an answer with this error status. */
  public static ErrorKind ofStatus(int status) {
    return status == TOO_MANY_REQUESTS ? THROTTLED : STATUS;
  }

  /** The kind of a call that got no answer at all. */
  public static ErrorKind of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return TIMEOUT;
      }
      if (t instanceof ConnectException) {
        return REFUSED;
      }
    }
    return OTHER;
  }

  public String label() {
    return this == THROTTLED ? "429 throttled" : name().toLowerCase();
  }
}

package dev.looplab.client;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Why a call did not end well: the server answered with an error status, or there was no answer. */
public enum ErrorKind {
  STATUS, TIMEOUT, REFUSED, OTHER;

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
    return name().toLowerCase();
  }
}

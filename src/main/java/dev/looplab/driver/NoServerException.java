package dev.looplab.driver;

import dev.looplab.model.ErrorKind;

/** No server answers at the base URL: nothing listens, or what listens does not answer in time. */
public final class NoServerException extends RuntimeException {
  private NoServerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A one-line reason for the probe's {@code failure}, with what to do about it. */
  static NoServerException of(String url, long timeoutMs, Throwable failure) {
    return new NoServerException(switch (ErrorKind.of(failure)) {
      case REFUSED -> "nothing answers at " + url + " (" + failure.getMessage() + "); start the lab server first, e.g. "
          + "'java -jar target/looplab.jar server --port " + portOf(url) + "'";
      case TIMEOUT -> "no answer from " + url + " within " + timeoutMs + " ms (--timeout-ms); is a lab server listening there?";
      default -> "cannot reach " + url + ": " + failure.getMessage();
    }, failure);
  }

  private static String portOf(String url) {
    int colon = url.lastIndexOf(':');
    String tail = colon > url.indexOf("//") ? url.substring(colon + 1) : "8080";
    int slash = tail.indexOf('/');
    return slash >= 0 ? tail.substring(0, slash) : tail;
  }
}

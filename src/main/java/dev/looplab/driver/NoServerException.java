package dev.looplab.driver;

/** Nothing answers at the base URL. */
public final class NoServerException extends RuntimeException {
  public NoServerException(String url, Throwable cause) {
    super("nothing answers at " + url + " (" + cause.getMessage() + "); start the lab server first, e.g. "
        + "'java -jar target/looplab.jar server --port " + portOf(url) + "'", cause);
  }

  private static String portOf(String url) {
    int colon = url.lastIndexOf(':');
    String tail = colon > url.indexOf("//") ? url.substring(colon + 1) : "8080";
    int slash = tail.indexOf('/');
    return slash >= 0 ? tail.substring(0, slash) : tail;
  }
}

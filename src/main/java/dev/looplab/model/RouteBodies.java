package dev.looplab.model;

/**
 * The routes the driver calls with POST and a body: {@code /decisions} takes features, each call its
 * own (so every call asks the model, not the cache). Every other route is a GET.
 */
public final class RouteBodies {
  private RouteBodies() {}

  /** POST for a route that takes a body, else GET: what the driver sends and the reports show. */
  public static String method(String path) {
    return path.replaceFirst("\\?.*$", "").equals("/decisions") ? "POST" : "GET";
  }

  /** The JSON body of call {@code index} to {@code path}, or null for a GET route. */
  public static String forCall(String path, int index, long runSeed) {
    if (method(path).equals("GET")) {
      return null;
    }
    return "{\"features\": [" + index + ", " + (runSeed % 100_000) / 1000.0 + ", 0.5]}";
  }
}

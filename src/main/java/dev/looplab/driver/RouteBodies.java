package dev.looplab.driver;

/**
 * The routes the driver calls with POST and a body: {@code /decisions} takes features, each call its
 * own (so every call asks the model, not the cache). Every other route is a GET.
 */
final class RouteBodies {
  private RouteBodies() {}

  /** The JSON body of call {@code index} to {@code path}, or null for a GET route. */
  static String forCall(String path, int index, long runSeed) {
    String route = path.replaceFirst("\\?.*$", "");
    if (!route.equals("/decisions")) {
      return null;
    }
    return "{\"features\": [" + index + ", " + (runSeed % 100_000) / 1000.0 + ", 0.5]}";
  }
}

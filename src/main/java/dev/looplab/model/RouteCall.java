package dev.looplab.model;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A route path as the model reads it: its name, and the task time (from {@code ?ms=N} or the server's default). */
record RouteCall(String name, int taskMs) {

  static RouteCall parse(String path, int defaultTaskMs) {
    int q = path.indexOf('?');
    String name = (q < 0 ? path : path.substring(0, q)).replaceAll("^/+|/+$", "");
    int taskMs = defaultTaskMs;
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        if (pair.startsWith("ms=")) {
          try {
            taskMs = Integer.parseInt(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8).trim());
          } catch (NumberFormatException e) {
            // the server answers 400 for such a call; the model keeps the default
          }
        }
      }
    }
    return new RouteCall(name, taskMs);
  }
}

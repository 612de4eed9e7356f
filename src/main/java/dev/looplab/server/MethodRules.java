package dev.looplab.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** HEAD is served wherever GET is (RFC 9110 §9.3.2), and a 405 names the methods that would work. */
final class MethodRules {
  private MethodRules() {}

  /** Call once all routes are added: every GET route also takes HEAD (Vert.x then sends no body). */
  static void headWhereGet(Router router) {
    for (Route route : router.getRoutes()) {
      if (route.methods() != null && route.methods().contains(HttpMethod.GET)) {
        route.method(HttpMethod.HEAD);
      }
    }
  }

  /** The {@code Allow} value for a path: the methods of the routes declared on exactly that path. */
  static String allowed(Router router, String path) {
    String allow = router.getRoutes().stream()
        .filter(route -> Objects.equals(route.getPath(), path) && route.methods() != null)
        .flatMap(route -> route.methods().stream()).map(HttpMethod::name)
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
    return allow.isEmpty() ? "GET, HEAD" : allow;
  }
}

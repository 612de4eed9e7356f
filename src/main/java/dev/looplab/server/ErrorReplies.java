package dev.looplab.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error leaves as JSON {@code {"error": ..., "detail": ...}}; no stack trace reaches a client. */
public final class ErrorReplies {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);

  private ErrorReplies() {}

  static void install(Router router) {
    router.route().failureHandler(ErrorReplies::failure);
    router.errorHandler(404, rc -> send(rc, 404, "not_found",
        "no route " + rc.request().path() + "; try " + paths(router)));
    router.errorHandler(405, rc -> {
      String allow = MethodRules.allowed(router, rc.request().path());
      rc.response().putHeader("Allow", allow);
      send(rc, 405, "method_not_allowed", rc.request().method() + " is not allowed on " + rc.request().path() + "; use " + allow);
    });
  }

  /** The router's own paths, in the order they were added, with the method when it is not GET: {@code /a, /b or POST /c}. */
  static String paths(Router router) {
    List<String> paths = router.getRoutes().stream().filter(r -> r.getPath() != null).map(ErrorReplies::named)
        .distinct().toList();
    if (paths.size() < 2) {
      return String.join("", paths);
    }
    return String.join(", ", paths.subList(0, paths.size() - 1)) + " or " + paths.get(paths.size() - 1);
  }

  private static String named(Route route) {
    Set<HttpMethod> methods = route.methods();
    return methods == null || methods.isEmpty() || methods.contains(HttpMethod.GET) ? route.getPath()
        : methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining("|")) + " " + route.getPath();
  }

  private static void failure(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof BadRequestException) {
      send(rc, 400, "bad_parameter", failure.getMessage());
    } else if (failure == null && rc.statusCode() >= 400 && rc.statusCode() < 500) {
      send(rc, rc.statusCode(), "client_error", "the request was refused with status " + rc.statusCode());
    } else if (rc.response().ended()) {
      // answered already (a 503 at the end of the shutdown grace): the late result has nowhere to go
      LOG.debug("{} {} failed after its answer was sent: {}", LogSafe.of(rc.request().method()), LogSafe.of(rc.request().uri()),
          LogSafe.of(failure));
    } else {
      LOG.error("{} {} failed", LogSafe.of(rc.request().method()), LogSafe.of(rc.request().uri()), failure);
      send(rc, 500, "internal_error",
          "the server failed on this request; its log has the details under request id " + RequestId.current());
    }
  }

  /**
   * Answers with {@code status} and the JSON error body; for lessons too, so every error has one shape.
   * Does nothing when the response has ended already (say, a 503 from the shutdown drain came first).
   */
  public static void send(RoutingContext rc, int status, String error, String detail) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status);
    rc.json(body(error, detail));
  }

  /** The one shape of an error body, also for answers sent before the router ({@link RequestHygiene}). */
  static JsonObject body(String error, String detail) {
    return new JsonObject().put("error", error).put("detail", detail);
  }
}

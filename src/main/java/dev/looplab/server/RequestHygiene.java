package dev.looplab.server;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of the router and refuses, with a 400 JSON and one short log line, what no route
 * should ever see: a missing or repeated {@code Host} (RFC 9112 §3.2), a broken percent-escape
 * anywhere in the target, or a query parameter given twice. Refused requests close their connection,
 * since a client this confused may not agree with us on where its next request starts.
 */
final class RequestHygiene implements Handler<HttpServerRequest> {
  private static final Logger ACCESS = LoggerFactory.getLogger(AccessLog.LOGGER_NAME);

  private final Handler<HttpServerRequest> next;

  RequestHygiene(Handler<HttpServerRequest> next) {
    this.next = next;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String problem = problemWith(request);
    if (problem == null) {
      next.handle(request);
    } else {
      refuse(request, 400, "bad_request", problem);
    }
  }

  /**
   * For requests Netty could not even parse (a bad request line, headers too long): the status Vert.x
   * would choose, with a JSON body instead of an empty one.
   */
  static void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      refuse(request, 414, "uri_too_long", "the request line is longer than the server accepts");
    } else if (cause instanceof TooLongHttpHeaderException) {
      refuse(request, 431, "headers_too_large", "the request headers are larger than the server accepts");
    } else {
      refuse(request, 400, "bad_request", "the request could not be parsed as HTTP/1.1"
          + (cause == null ? "" : ": " + cause.getMessage()));
    }
  }

  static String problemWith(HttpServerRequest request) {
    String hostProblem = hostProblem(request.headers());
    if (hostProblem != null) {
      return hostProblem;
    }
    String target = request.uri();
    int badEscape = badPercentEscape(target);
    if (badEscape >= 0) {
      return "the target has a broken percent-escape at character " + badEscape + "; '%' must be followed by two hex digits";
    }
    String repeated = repeatedParameter(target);
    if (repeated != null) {
      return "the query parameter '" + repeated + "' was given more than once; give it once";
    }
    return null;
  }

  /**
   * Exactly one Host, not blank. By one walk over the headers, allocating one small counter, rather
   * than {@code getAll}, which made a linked list and a wrapper on every request.
   */
  static String hostProblem(MultiMap headers) {
    Hosts hosts = new Hosts();
    headers.forEach(hosts);
    if (hosts.count == 0 || hosts.first.isBlank()) {
      return "a Host header is required";
    }
    return hosts.count == 1 ? null : "the Host header was given " + hosts.count + " times; send it once";
  }

  private static final class Hosts implements BiConsumer<String, String> {
    int count;
    String first;

    @Override
    public void accept(String name, String value) {
      if (name.length() == 4 && name.equalsIgnoreCase("host") && count++ == 0) {
        first = value;
      }
    }
  }

  /** Index of the first '%' not followed by two hex digits, or -1. */
  static int badPercentEscape(String target) {
    for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
      if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
          || Character.digit(target.charAt(i + 2), 16) < 0) {
        return i;
      }
    }
    return -1;
  }

  /** The first parameter name (decoded) that occurs more than once in the query, or null. */
  static String repeatedParameter(String uri) {
    if (uri.indexOf('&') < 0 && uri.indexOf(';') < 0) {
      return null; // no separator, so one parameter at most: most requests need no decoding
    }
    return new QueryStringDecoder(uri).parameters().entrySet().stream()
        .filter(parameter -> parameter.getValue().size() > 1).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** Answers a request no route will see, with JSON, and closes the connection after it. */
  static void refuse(HttpServerRequest request, int status, String error, String detail) {
    ACCESS.info("{} {} {} refused: {}", LogSafe.of(request.method()), LogSafe.of(request.uri()), status, LogSafe.of(detail));
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(ErrorReplies.body(error, detail).encode())
        .onComplete(written -> request.connection().close());
  }
}

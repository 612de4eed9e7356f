package dev.looplab.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps every label on {@code /metrics} within a fixed set, whatever a client sends. Vert.x labels
 * its HTTP server meters with the request's method as given, so an invented method would be a new
 * series each time; here it becomes {@code OTHER}. Status codes are the server's own, but anything
 * that is not one becomes {@code other} too.
 *
 * <p>{@code vertx_http_server_active_requests} is left out: Vert.x 5.0.12 counts a request when its
 * headers are read and never uncounts it when the client closes before its body ends, so the gauge
 * only climbs. {@code looplab_requests_in_flight} is the figure to read instead.
 *
 * <p>The lab's own request timer takes its method label from {@link #LAB_METHODS} by index, so it
 * never needs this filter's mapping on the request path.
 */
final class BoundedLabels implements MeterFilter {
  static final String OTHER_METHOD = "OTHER";
  static final String LEAKING_GAUGE = "vertx.http.server.active.requests";
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
      "TRACE", "PATCH");
  /** The methods the lab's request timer names; any other is {@code OTHER}, the last index. */
  static final String[] LAB_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", OTHER_METHOD};
  private static final HttpMethod[] LAB_HTTP_METHODS = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS};
  private static final Pattern STATUS = Pattern.compile("[1-5][0-9][0-9]");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return id.getName().equals(LEAKING_GAUGE) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    List<Tag> tags = id.getTags();
    if (tags.stream().noneMatch(BoundedLabels::unbounded)) {
      return id;
    }
    return id.replaceTags(tags.stream().map(BoundedLabels::bounded).toList());
  }

  private static boolean unbounded(Tag tag) {
    return !bounded(tag).equals(tag);
  }

  static Tag bounded(Tag tag) {
    return switch (tag.getKey()) {
      case "method" -> METHODS.contains(tag.getValue()) ? tag : Tag.of("method", OTHER_METHOD);
      case "code" -> STATUS.matcher(tag.getValue()).matches() ? tag : Tag.of("code", "other");
      default -> tag;
    };
  }

  /** The index of the method's label in {@link #LAB_METHODS}: identity checks, no string work. */
  static int methodIndex(HttpMethod method) {
    for (int i = 0; i < LAB_HTTP_METHODS.length; i++) {
      if (method == LAB_HTTP_METHODS[i]) {
        return i;
      }
    }
    return LAB_METHODS.length - 1;
  }
}

package dev.looplab.driver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Checks the base URL and route options; a bad one is an {@link IllegalArgumentException} with a one-line reason. */
public final class Targets {
  public static final List<String> ROUTES = List.of("say-hi", "fast-run", "slow-run", "standard-run");

  private Targets() {}

  /**
   * A base URL is {@code http(s)://host[:port]} and nothing more: a path is refused rather than
   * quietly honoured for the calls and not for /info or /metrics.
   */
  public static URI baseUrl(String raw) {
    if (!raw.contains("://")) {
      throw badBaseUrl(raw, "has no http:// or https:// in front");
    }
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw badBaseUrl(raw, "is not a URL (" + e.getReason() + ")");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw badBaseUrl(raw, "has the scheme '" + uri.getScheme() + "'; only http and https are spoken");
    }
    if (uri.getHost() == null) {
      throw badBaseUrl(raw, "has no host, or no valid host:port");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw badBaseUrl(raw, "has the port " + uri.getPort() + ", not one of 1..65535");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !"/".equals(path)) {
      throw badBaseUrl(raw, "has the path '" + path + "'; a base URL must not have a path (give it with --route)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw badBaseUrl(raw, "has a query or fragment; a base URL is scheme://host[:port] only");
    }
    return uri;
  }

  private static IllegalArgumentException badBaseUrl(String raw, String why) {
    return new IllegalArgumentException("'" + raw + "' " + why + ", e.g. http://127.0.0.1:8080");
  }

  /** A route name ({@code fast-run}) or any path with query ({@code /fast-run?ms=300}), as a path. */
  public static String path(String route) {
    String r = route.trim();
    if (ROUTES.contains(r)) {
      return "/" + r;
    }
    if (!r.startsWith("/") || r.contains(" ")) {
      throw new IllegalArgumentException("'" + route + "' is neither one of " + ROUTES + " nor a path starting with '/'");
    }
    return r;
  }
}

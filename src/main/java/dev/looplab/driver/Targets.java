package dev.looplab.driver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Checks the base URL and route options; a bad one is an {@link IllegalArgumentException} with a one-line reason. */
public final class Targets {
  public static final List<String> ROUTES = List.of("say-hi", "fast-run", "slow-run", "standard-run");

  private Targets() {}

  public static URI baseUrl(String raw) {
    try {
      URI uri = new URI(raw.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("'" + raw + "' is not an http(s) URL with a host, e.g. http://127.0.0.1:8080");
      }
      if (uri.getRawQuery() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath()))) {
        throw new IllegalArgumentException("'" + raw + "' must be scheme://host:port only; give the path with --route");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + raw + "' is not a URL: " + e.getReason());
    }
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

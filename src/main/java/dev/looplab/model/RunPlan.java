package dev.looplab.model;

import java.net.URI;

/**
 * What one run does: {@code calls} GETs of {@code path} on {@code baseUrl}, at most
 * {@code concurrency} in flight at a time (1 is the naive synchronous client).
 * {@code timeoutMs} 0 means no timeout.
 */
public record RunPlan(URI baseUrl, String path, int calls, int concurrency, long timeoutMs) {

  public RunPlan {
    if (calls < 1 || concurrency < 1) {
      throw new IllegalArgumentException("calls and concurrency must be at least 1");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
  }

  public String url() {
    String base = baseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  /** The same run with one call at a time. */
  public RunPlan sequential() {
    return new RunPlan(baseUrl, path, calls, 1, timeoutMs);
  }

  /** How many calls can really be in flight together. */
  public int inFlightLimit() {
    return Math.min(calls, concurrency);
  }
}

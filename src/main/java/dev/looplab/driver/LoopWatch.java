package dev.looplab.driver;

import dev.looplab.model.LoopReadings;
import dev.looplab.model.RunResult;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the server's loop figures (its /metrics) before and after each run, so that a run's
 * blocked episodes and lag can be shown and gated on. A server without /metrics (instrumentation
 * off, not a lab server) leaves the figures unknown; {@link #unavailable()} says why.
 */
public final class LoopWatch {
  private final WebClient client;
  private final URI baseUrl;
  private final List<LoopReadings.Delta> deltas = new ArrayList<>();
  private String unavailable;

  LoopWatch(WebClient client, URI baseUrl) {
    this.client = client;
    this.baseUrl = baseUrl;
  }

  public RunResult around(Supplier<RunResult> run) {
    LoopReadings before = read();
    RunResult result = run.get();
    LoopReadings after = before == null ? null : read();
    deltas.add(after == null ? null : after.since(before));
    return result;
  }

  /** Each run's delta, null where unknown; in run order. */
  public List<LoopReadings.Delta> deltas() {
    return deltas;
  }

  /** Why the figures are unknown, or null when every run has them. */
  public String unavailable() {
    return unavailable;
  }

  public long blockedEpisodes() {
    return deltas.stream().filter(Objects::nonNull).mapToLong(LoopReadings.Delta::blockedEpisodes).sum();
  }

  /**
   * The exit code of {@code --fail-on-blocked}: 3 when the server recorded blocked episodes during
   * {@code scope}, 1 when its figures could not be read, else 0; says why on {@code err}.
   */
  public int gate(PrintWriter err, String scope) {
    if (unavailable != null) {
      err.println("looplab: --fail-on-blocked cannot tell: " + unavailable);
      return 1;
    }
    if (blockedEpisodes() > 0) {
      err.println("looplab: the server recorded " + blockedEpisodes() + " blocked event-loop episode(s) during the " + scope);
      return 3;
    }
    return 0;
  }

  private LoopReadings read() {
    try {
      return LoopReadingsClient.read(client, baseUrl).await();
    } catch (Exception e) {
      unavailable = e.getMessage();
      return null;
    }
  }
}

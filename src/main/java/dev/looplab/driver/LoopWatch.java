package dev.looplab.driver;

import dev.looplab.model.CallRecord;
import dev.looplab.model.LoopReadings;
import dev.looplab.model.RunResult;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads the server's loop figures (its /loops) before and after each run, so that a run's blocked
 * episodes and lag can be shown and gated on. The difference means something only when one server
 * process answered the readings and every call: behind a load balancer, where several did, the
 * figures cannot be taken and this says so. A server without /loops (instrumentation off, not a lab
 * server) leaves the figures unknown too; {@link #unavailable()} says why.
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
    deltas.add(after == null ? null : deltaOrNull(before, after, result));
    return result;
  }

  private LoopReadings.Delta deltaOrNull(LoopReadings before, LoopReadings after, RunResult run) {
    Set<String> processes = new TreeSet<>();
    processes.add(before.appInstanceId());
    processes.add(after.appInstanceId());
    run.calls().stream().map(CallRecord::appInstanceId).filter(Objects::nonNull).forEach(processes::add);
    if (processes.size() > 1) {
      explain("the loop figures cannot be taken for this run: " + processes.size() + " server processes answered ("
          + String.join(", ", processes) + "), e.g. behind a load balancer, and one process's figures say nothing of another's");
      return null;
    }
    return after.since(before);
  }

  private void explain(String why) {
    if (unavailable == null) {
      unavailable = why;
    }
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
      explain(e.getMessage());
      return null;
    }
  }
}

package dev.looplab.client;

import java.util.Optional;

/**
 * The model of the loop: predicts a run's wall time from the server's {@code /info}, the number of
 * calls N, how many the client keeps in flight, and the task time T ({@code ?ms=N} when given).
 * <ul>
 *   <li>fast-run: a timer never holds the loop, so every call in flight waits at the same time: T per round.
 *   <li>slow-run: a sleep holds its event loop, so each loop serves one call at a time: N × T / loops.
 *   <li>standard-run: the sleep holds a worker thread: ceil(N / worker pool) × T.
 *   <li>say-hi: no task; each round costs about one network round trip.
 * </ul>
 * {@code capacity} is the number of calls the path to the server lets in at once (unlimited for a
 * direct connection; for a proxy in front of several servers, instances × per-instance concurrency).
 */
public final class TimingModel {
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private final LabInfo info;
  private final double networkMs;
  private final int capacity;

  public TimingModel(LabInfo info, double networkMs, int capacity) {
    this.info = info;
    this.networkMs = networkMs;
    this.capacity = capacity;
  }

  /** A client talking straight to one server. */
  public static TimingModel direct(LabInfo info, double networkMs) {
    return new TimingModel(info, networkMs, UNLIMITED);
  }

  public LabInfo info() {
    return info;
  }

  public int capacity() {
    return capacity;
  }

  /** The prediction for N calls of {@code path} with {@code concurrency} in flight; empty for a route it does not know. */
  public Optional<Prediction> predict(String path, int calls, int concurrency) {
    RouteCall route = RouteCall.parse(path, info.taskMs());
    int inFlight = Math.min(calls, Math.min(concurrency, capacity));
    return switch (route.name()) {
      case "fast-run" -> Optional.of(rounds(calls, inFlight, route.taskMs(),
          "a timer never holds the loop, so calls in flight wait together"));
      case "slow-run" -> Optional.of(rounds(calls, Math.min(inFlight, info.instances()), route.taskMs(),
          "a sleep holds its event loop; " + info.instances() + " loop(s) serve one call at a time each"));
      case "standard-run" -> Optional.of(rounds(calls, Math.min(inFlight, info.workerPoolSize()), route.taskMs(),
          "the sleep holds a worker thread; " + info.workerPoolSize() + " worker(s) in the pool"));
      case "say-hi" -> Optional.of(network(calls, inFlight));
      default -> Optional.empty();
    };
  }

  private static Prediction rounds(int calls, int parallel, int taskMs, String why) {
    int rounds = ceilDiv(calls, parallel);
    return new Prediction((double) rounds * taskMs, String.format(
        "%s: ceil(%d / %d) = %d round(s) × T %d ms", why, calls, parallel, rounds, taskMs));
  }

  private Prediction network(int calls, int inFlight) {
    int rounds = ceilDiv(calls, inFlight);
    return new Prediction(rounds * networkMs, String.format(
        "no task, only the network: ceil(%d / %d) = %d round trip(s) × %.2f ms", calls, inFlight, rounds, networkMs));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}

package dev.looplab.model;

import java.util.Optional;

/**
 * The model of the loop: predicts a run's wall time from the server's {@code /info}, what stands
 * behind the URL ({@link Topology}), the number of calls N, how many the client keeps in flight,
 * and the task time T ({@code ?ms=N} when given). Each server process serves at once:
 * <ul>
 *   <li>fast-run: every admitted call (a timer never holds the loop);
 *   <li>slow-run: one call per event loop (the sleep holds its loop);
 *   <li>standard-run: one call per worker thread;
 *   <li>say-hi: no task; each round costs about one network round trip;
 *   <li>decisions: T is {@code io_ms}, served once per loop ({@code client=loop}) or once per pooled
 *       connection ({@code worker}, {@code reactive}), see {@link DecisionsCall}.
 * </ul>
 * Calls are spread evenly over the processes, as a least-connections proxy does; the wall time is
 * ceil(admitted / calls served at once) x T. With all N sent at once, the calls beyond what the
 * system admits (processes x per-process limit + queue) are predicted to get 429.
 */
public final class TimingModel {
  private final LabInfo info;
  private final double networkMs;
  private final Topology topology;

  public TimingModel(LabInfo info, double networkMs, Topology topology) {
    this.info = info;
    this.networkMs = networkMs;
    this.topology = topology;
  }

  /** A client talking straight to one server. */
  public static TimingModel direct(LabInfo info, double networkMs) {
    return new TimingModel(info, networkMs, Topology.DIRECT);
  }

  public LabInfo info() {
    return info;
  }

  public Topology topology() {
    return topology;
  }

  /** The prediction for N calls of {@code path} with {@code concurrency} in flight; empty for a route it does not know. */
  public Optional<Prediction> predict(String path, int calls, int concurrency) {
    RouteCall route = RouteCall.parse(path, info.taskMs());
    int inFlight = Math.min(calls, concurrency);
    int refused = refused(calls, inFlight);
    int admitted = calls - refused;
    return switch (route.name()) {
      case "fast-run" -> Optional.of(rounds(admitted, refused, served(inFlight, topology.perProcess()), route.taskMs(),
          "a timer never holds the loop, so calls in flight wait together"));
      case "slow-run" -> Optional.of(rounds(admitted, refused, served(inFlight, info.instances()), route.taskMs(),
          "a sleep holds its event loop; " + info.instances() + " loop(s) per process serve one call at a time each"));
      case "standard-run" -> Optional.of(rounds(admitted, refused, served(inFlight, info.workerPoolSize()), route.taskMs(),
          "the sleep holds a worker thread; " + info.workerPoolSize() + " worker(s) per process"));
      case "say-hi" -> Optional.of(network(admitted, refused, served(inFlight, topology.perProcess())));
      case "decisions" -> decisions(DecisionsCall.parse(path), admitted, refused, inFlight);
      default -> Optional.empty();
    };
  }

  private Optional<Prediction> decisions(DecisionsCall call, int admitted, int refused, int inFlight) {
    return call.slots(info).map(slots -> {
      int parallel = served(inFlight, slots.perProcess());
      Prediction waits = rounds(admitted, refused, parallel, call.ioMs(), "client=" + call.client() + ": " + slots.why());
      int tail = call.modelTailMs(info, admitted, parallel);
      return new Prediction(waits.wallMs() + tail, refused, waits.reasoning()
          + String.format("; + %d ms of the model (%d ms of CPU a call)", tail, call.modelMs(info)));
    });
  }

  /** Calls served at once: what the client sends, capped by each process's slots for this route. */
  private int served(int inFlight, int slotsPerProcess) {
    long slots = (long) topology.processes() * Math.min(slotsPerProcess, topology.perProcess());
    return (int) Math.max(1, Math.min(inFlight, slots));
  }

  /** Predicted 429s: only modelled when every call is sent at once (a refused lane refills at once otherwise). */
  private int refused(int calls, int inFlight) {
    long admits = topology.admits();
    return inFlight == calls && calls > admits ? (int) (calls - admits) : 0;
  }

  private Prediction rounds(int admitted, int refused, int parallel, int taskMs, String why) {
    int rounds = ceilDiv(admitted, parallel);
    return new Prediction((double) rounds * taskMs, refused, String.format(
        "%s%s: ceil(%d / %d) = %d round(s) x T %d ms%s", why, behind(), admitted, parallel, rounds, taskMs, refusals(refused)));
  }

  private Prediction network(int admitted, int refused, int parallel) {
    int rounds = ceilDiv(admitted, parallel);
    return new Prediction(rounds * networkMs, refused, String.format(
        "no task, only the network%s: ceil(%d / %d) = %d round trip(s) x %.2f ms%s",
        behind(), admitted, parallel, rounds, networkMs, refusals(refused)));
  }

  private String behind() {
    return topology.isDirect() ? "" : "; behind the URL " + topology.describe();
  }

  private static String refusals(int refused) {
    return refused == 0 ? "" : "; " + refused + " call(s) beyond what the system admits get 429";
  }

  private static int ceilDiv(int a, int b) {
    return a == 0 ? 0 : (a + b - 1) / b;
  }
}

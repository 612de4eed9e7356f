package dev.looplab.model;

/**
 * What stands behind the base URL: {@code processes} server processes (Cloud Run's instances, the
 * local cloud's K), each taking at most {@code perProcess} requests at once, with at most
 * {@code queue} more waiting in front of them; beyond that the platform answers 429.
 */
public record Topology(int processes, int perProcess, int queue) {
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** One server, reached directly, with no limit of its own. */
  public static final Topology DIRECT = new Topology(1, UNLIMITED, UNLIMITED);

  public Topology {
    if (processes < 1 || perProcess < 1 || queue < 0) {
      throw new IllegalArgumentException("a topology needs processes >= 1, per-process concurrency >= 1, queue >= 0");
    }
  }

  /**
   * The topology given on the command line. Without a per-process limit, the server's own
   * --max-concurrency applies, and it queues nothing: past it, the server answers 429 at once.
   */
  public static Topology of(Integer processes, Integer perProcess, Integer queue, LabInfo info) {
    int serverLimit = info == null ? 0 : info.maxConcurrency();
    boolean serverLimits = perProcess == null && serverLimit > 0;
    int limit = perProcess != null ? perProcess : serverLimits ? serverLimit : UNLIMITED;
    int waiting = queue != null ? queue : serverLimits ? 0 : UNLIMITED;
    return new Topology(processes == null ? 1 : processes, limit, waiting);
  }

  /** Requests the whole system holds at once (served or queued) before it refuses; UNLIMITED if unbounded. */
  public long admits() {
    if (perProcess == UNLIMITED || queue == UNLIMITED) {
      return UNLIMITED;
    }
    return (long) processes * perProcess + queue;
  }

  public boolean isDirect() {
    return equals(DIRECT);
  }

  public String describe() {
    return String.format("%d process(es) x %s in flight%s", processes,
        perProcess == UNLIMITED ? "any number" : String.valueOf(perProcess),
        queue == UNLIMITED ? "" : ", queue " + queue);
  }
}

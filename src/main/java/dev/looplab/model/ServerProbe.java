package dev.looplab.model;

/**
 * What the driver knows before a run: the server's {@code /info} (null if it has none, e.g. not a
 * looplab server), the network round trip (the best of a few {@code /health} calls on a warm
 * connection), and what stands behind the URL (one server unless the user says otherwise).
 */
public record ServerProbe(LabInfo info, double networkMs, Topology topology) {

  public ServerProbe withTopology(Topology behindTheUrl) {
    return new ServerProbe(info, networkMs, behindTheUrl);
  }
}

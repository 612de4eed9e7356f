package dev.looplab.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One experiment: what the probe learnt about the server, its runs (sync, async or both), and the
 * server processes ({@code app_instance_id}s) already seen before it, so that a new one stands out.
 */
public record Experiment(ServerProbe probe, List<RunResult> runs, Set<String> knownInstances) {

  public Experiment {
    runs = List.copyOf(runs);
    knownInstances = Set.copyOf(knownInstances);
  }

  /** An experiment on its own: only the instance that answered the probe's {@code /info} is known. */
  public Experiment(ServerProbe probe, List<RunResult> runs) {
    this(probe, runs, probe.info() == null ? Set.of() : Set.of(probe.info().appInstanceId()));
  }

  public Optional<TimingModel> model() {
    return probe.info() == null ? Optional.empty()
        : Optional.of(new TimingModel(probe.info(), probe.networkMs(), probe.topology()));
  }

  /** The first call answered by each instance not seen before: on a platform that scales from zero, a possible cold start. */
  public List<ColdStart> coldStarts() {
    return ColdStart.find(runs, knownInstances);
  }

  public Optional<Prediction> prediction(RunResult run) {
    return model().flatMap(m -> m.predict(run.plan().path(), run.plan().calls(), run.concurrency()));
  }

  /** Sync wall time over async wall time, when both ran to the end. */
  public Optional<Double> speedFactor() {
    Optional<RunResult> sync = completeRun(Mode.SYNC);
    Optional<RunResult> async = completeRun(Mode.ASYNC);
    if (sync.isEmpty() || async.isEmpty() || async.get().wallMs() <= 0) {
      return Optional.empty();
    }
    return Optional.of(sync.get().wallMs() / async.get().wallMs());
  }

  public boolean complete() {
    return runs.stream().allMatch(RunResult::complete);
  }

  private Optional<RunResult> completeRun(Mode mode) {
    return runs.stream().filter(r -> r.mode() == mode && r.complete()).findFirst();
  }
}

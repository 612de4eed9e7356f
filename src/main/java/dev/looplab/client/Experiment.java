package dev.looplab.client;

import java.util.List;
import java.util.Optional;

/** One experiment: what the probe learnt about the server, and its runs (sync, async or both). */
public record Experiment(ServerProbe probe, List<RunResult> runs) {

  public Experiment {
    runs = List.copyOf(runs);
  }

  public Optional<TimingModel> model() {
    return probe.info() == null ? Optional.empty() : Optional.of(TimingModel.direct(probe.info(), probe.networkMs()));
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

package dev.looplab.report;

import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.Latency;
import dev.looplab.model.Prediction;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.Statistics;
import dev.looplab.model.Topology;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;

/** The whole experiment as one JSON document: the server's /info, and per run its summary, prediction and calls. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(Experiment experiment) {
    JsonObject json = new JsonObject()
        .put("complete", experiment.complete())
        .put("server_info", experiment.probe().info() == null ? null : experiment.probe().info().raw())
        .put("network_ms", experiment.probe().networkMs())
        .put("speed_factor", experiment.speedFactor().orElse(null))
        .put("topology", topology(experiment.probe().topology()))
        .put("new_instances", newInstances(experiment));
    JsonArray runs = new JsonArray();
    experiment.runs().forEach(run -> runs.add(run(experiment, run)));
    return json.put("runs", runs).encodePrettily() + "\n";
  }

  private static JsonObject topology(Topology t) {
    return new JsonObject().put("processes", t.processes())
        .put("per_process_concurrency", t.perProcess() == Topology.UNLIMITED ? null : t.perProcess())
        .put("queue", t.queue() == Topology.UNLIMITED ? null : t.queue());
  }

  private static JsonArray newInstances(Experiment experiment) {
    JsonArray found = new JsonArray();
    experiment.coldStarts().forEach(c -> found.add(new JsonObject().put("mode", c.mode().label())
        .put("app_instance_id", c.appInstanceId()).put("call_index", c.callIndex()).put("latency_ms", c.latencyMs())
        .put("instance_p50_ms", c.instanceP50Ms()).put("possible_cold_start", c.likely())));
    return found;
  }

  private static JsonObject run(Experiment experiment, RunResult run) {
    RunPlan plan = run.plan();
    JsonArray calls = new JsonArray();
    run.calls().forEach(c -> calls.add(CallJson.toJson(c)));
    return new JsonObject()
        .put("mode", run.mode().label())
        .put("base_url", plan.baseUrl().toString())
        .put("path", plan.path())
        .put("calls_planned", plan.calls())
        .put("concurrency", run.concurrency())
        .put("concurrency_requested", plan.concurrency())
        .put("timeout_ms", plan.timeoutMs())
        .put("started_at", run.startedAt().toString())
        .put("complete", run.complete())
        .put("wall_ms", run.wallMs())
        .put("summary", summary(Statistics.of(run)))
        .put("prediction", experiment.prediction(run).map(p -> prediction(p, run.wallMs())).orElse(null))
        .put("calls", calls);
  }

  private static JsonObject summary(Statistics s) {
    JsonObject perInstance = new JsonObject();
    s.perInstance().forEach((id, st) -> {
      JsonObject statuses = new JsonObject();
      st.statusCounts().forEach((status, n) -> statuses.put(String.valueOf(status), n));
      perInstance.put(id, new JsonObject().put("calls", st.calls()).put("p50_ms", st.p50()).put("p99_ms", st.p99())
          .put("statuses", statuses));
    });
    return new JsonObject()
        .put("calls", s.calls())
        .put("succeeded", s.succeeded())
        .put("wall_ms", s.wallMs())
        .put("calls_per_second", s.callsPerSecond())
        .put("latency_ms", latency(s.latency()))
        .put("errors_by_kind", new JsonObject(new LinkedHashMap<>(s.errorsByKind())))
        .put("throttled", s.throttled())
        .put("per_instance", perInstance);
  }

  private static JsonObject latency(Latency l) {
    return new JsonObject().put("answered", l.count()).put("min", l.min()).put("p50", l.p50()).put("p90", l.p90())
        .put("p99", l.p99()).put("max", l.max()).put("mean", l.mean());
  }

  private static JsonObject prediction(Prediction p, double measuredMs) {
    return new JsonObject().put("wall_ms", p.wallMs()).put("refused_calls", p.refused()).put("reasoning", p.reasoning())
        .put("measured_ms", measuredMs).put("ratio", p.ratio(measuredMs))
        .put("disagrees", p.disagrees(measuredMs)).put("verdict", p.verdict(measuredMs));
  }
}

package dev.looplab.cli;

import dev.looplab.model.LabInfo;
import dev.looplab.model.Topology;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What stands behind --base-url, for the prediction: e.g. Cloud Run's instances x concurrency, or scripts/local-cloud.sh. */
public final class TopologyOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--cloud-instances",
      description = "Server processes behind --base-url, e.g. 3 for the lesson's Cloud Run or local-cloud.sh (default 1).")
  Integer processes;

  @Option(names = "--cloud-concurrency",
      description = "Requests each process takes at once (Cloud Run's concurrency, HAProxy's maxconn); default: the server's --max-concurrency, else no limit.")
  Integer perProcess;

  @Option(names = "--cloud-queue",
      description = "Requests the platform lets wait in front of full processes before answering 429 (default: no limit).")
  Integer queue;

  Topology topology(LabInfo info) {
    require("--cloud-instances", processes, 1);
    require("--cloud-concurrency", perProcess, 1);
    require("--cloud-queue", queue, 0);
    return Topology.of(processes, perProcess, queue, info);
  }

  private void require(String option, Integer value, int min) {
    if (value != null && value < min) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + value + " must be at least " + min);
    }
  }
}

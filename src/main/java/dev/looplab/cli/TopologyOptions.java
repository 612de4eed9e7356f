package dev.looplab.cli;

import dev.looplab.model.LabInfo;
import dev.looplab.model.Topology;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import org.apache.commons.cli.ParseException;

/** What stands behind --base-url, for the prediction: e.g. Cloud Run's instances x concurrency, or scripts/local-cloud.sh. */
record TopologyOptions(Integer processes, Integer perProcess, Integer queue) {

  static void addTo(CommandOptions options) {
    options.value(null, "cloud-instances", "<n>", null,
            "Server processes behind --base-url, e.g. 3 for the lesson's Cloud Run or local-cloud.sh (default 1).")
        .value(null, "cloud-concurrency", "<n>", null, "Requests each process takes at once (Cloud Run's concurrency, "
            + "HAProxy's maxconn); default: the server's --max-concurrency, else no limit.")
        .value(null, "cloud-queue", "<n>", null,
            "Requests the platform lets wait in front of full processes before answering 429 (default: no limit).");
  }

  /** The options' values, checked before any call is made. */
  static TopologyOptions read(OptionValues values) throws ParseException {
    return new TopologyOptions(values.optionalIntAtLeast("cloud-instances", 1),
        values.optionalIntAtLeast("cloud-concurrency", 1), values.optionalIntAtLeast("cloud-queue", 0));
  }

  Topology topology(LabInfo info) {
    return Topology.of(processes, perProcess, queue, info);
  }
}

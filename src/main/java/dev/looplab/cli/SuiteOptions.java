package dev.looplab.cli;

import static dev.looplab.options.CommandOptions.DEFAULT;

import dev.looplab.driver.Targets;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import dev.looplab.report.AtomicFiles;
import java.net.URI;
import java.nio.file.Path;
import org.apache.commons.cli.ParseException;

/** {@code looplab suite}'s options, checked before any call is made. */
record SuiteOptions(URI baseUrl, Path outDir, boolean failOnBlocked, long timeoutMs, int warmup, TopologyOptions cloud) {

  static CommandOptions define() {
    CommandOptions options = new CommandOptions()
        .value(null, "base-url", "<url>", "http://127.0.0.1:8080", "The server (default " + DEFAULT + ").")
        .value("d", "out-dir", "<dir>", "looplab-results", "Where the files go (default " + DEFAULT + ").")
        .flag(null, "fail-on-blocked", "Exit with code 3 when the server recorded blocked event-loop episodes during "
            + "the suite (reads its /loops); 1 when that cannot be told.")
        .value(null, "timeout-ms", "<ms>", "120000",
            "Per-call timeout, connection set-up included, 0 for none (default " + DEFAULT + ").")
        .value(null, "warmup", "<n>", "200", "Unrecorded calls to /health first, all at once and then as many (at "
            + "most 500) one after another, so the first step does not measure the client JVM's warm-up (default "
            + DEFAULT + ").");
    TopologyOptions.addTo(options);
    return options;
  }

  static SuiteOptions read(OptionValues values) throws ParseException {
    long timeoutMs = values.longValue("timeout-ms");
    if (timeoutMs < 0) {
      throw OptionValues.invalid("timeout-ms", timeoutMs + " must be 0 (none) or more");
    }
    int warmup = values.intIn("warmup", 0, 100_000);
    URI base = values.parsed("base-url", Targets::baseUrl);
    // results that cannot be written would be lost after the run: find out now
    Path outDir = values.parsed("out-dir", SuiteOptions::writableDirectory);
    return new SuiteOptions(base, outDir, values.flag("fail-on-blocked"), timeoutMs, warmup, TopologyOptions.read(values));
  }

  private static Path writableDirectory(String value) {
    Path dir = Path.of(value);
    AtomicFiles.checkWritableDirectory(dir);
    return dir;
  }
}

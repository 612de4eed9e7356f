package dev.looplab.model;

import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A call of {@code /decisions?client=C&io_ms=T} as the model reads it. Each call waits T inside Redis
 * holding one connection, so the calls served at once are: on the loop, one per event loop (the
 * blocking driver holds it); with workers or the reactive client, one per connection of the pool the
 * server's {@code /info} reports. No client style removes the database's own bound.
 */
record DecisionsCall(String client, int ioMs, Integer modelMs) {

  static DecisionsCall parse(String path) {
    String client = "loop";
    int ioMs = 0;
    Integer modelMs = null;
    int q = path.indexOf('?');
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        String value = URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8).trim();
        if (pair.startsWith("client=")) {
          client = value;
        } else if (pair.startsWith("io_ms=")) {
          ioMs = number(value, 0);
        } else if (pair.startsWith("model_ms=")) {
          modelMs = number(value, 0);
        }
      }
    }
    return new DecisionsCall(client, ioMs, modelMs);
  }

  private static int number(String value, int fallback) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback; // the server answers 400 for it
    }
  }

  /** The model's CPU time per call: {@code ?model_ms=}, else what the server's /info says, else 0. */
  int modelMs(LabInfo info) {
    JsonObject decisions = info.raw().getJsonObject("decisions");
    return modelMs != null ? modelMs : decisions == null ? 0 : decisions.getInteger("model_ms", 0);
  }

  /**
   * What the model adds to the last call, every call being a miss: on the loop each call holds it for
   * the model too; on workers the last round's models run side by side, as many at once as the server
   * has cores; with the reactive client
   * they run on the loop one after another, one per call of the last round.
   */
  int modelTailMs(LabInfo info, int calls, int served) {
    int rounds = calls == 0 ? 0 : (calls + served - 1) / served;
    int lastRound = calls - (rounds - 1) * served;
    return switch (client) {
      case "loop" -> calls * modelMs(info);
      case "worker" -> {
        int cores = Math.max(1, info.raw().getInteger("cores", 1));
        yield (lastRound + cores - 1) / cores * modelMs(info);
      }
      default -> lastRound * modelMs(info);
    };
  }

  /** How many calls one server process serves at once, and why; empty when /info has no decisions section. */
  Optional<Slots> slots(LabInfo info) {
    JsonObject decisions = info.raw().getJsonObject("decisions");
    if (client.equals("loop")) {
      return Optional.of(new Slots(info.instances(), "the blocking driver holds its event loop for io_ms; "
          + info.instances() + " loop(s) per process serve one decision at a time each"));
    }
    String key = client.equals("worker") ? "db_pool_size" : "reactive_pool_size";
    if (decisions == null || decisions.getInteger(key) == null) {
      return Optional.empty();
    }
    int pool = decisions.getInteger(key);
    return Optional.of(new Slots(pool, client.equals("worker")
        ? "each decision holds a worker thread and one of " + pool + " pooled connection(s) for io_ms"
        : "the loop is free, but each decision holds one of " + pool + " connection(s) while Redis waits io_ms"));
  }

  record Slots(int perProcess, String why) {}
}

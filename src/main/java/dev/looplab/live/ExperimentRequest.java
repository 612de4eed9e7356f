package dev.looplab.live;

import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the page's experiment form asks for, checked: a route of the lesson, how many calls, sync or
 * async, and the task time. The bounds keep a run short enough to watch (at most a minute of work).
 */
record ExperimentRequest(String route, int calls, Mode mode, int taskMs) {
  static final List<String> ROUTES = List.of("slow-run", "fast-run", "standard-run", "say-hi");
  static final int MAX_CALLS = 100;
  static final int MAX_TASK_MS = 5_000;
  static final int MAX_WORK_MS = 60_000;
  /** Per call: far above any run the bounds allow, so only a lost answer reaches it. */
  private static final long TIMEOUT_MS = 90_000;

  /** Reads the form's JSON; every value out of range is named in the exception's message. */
  static ExperimentRequest parse(JsonObject form) {
    List<String> problems = new ArrayList<>();
    String route = String.valueOf(form.getValue("route", "")).trim();
    if (!ROUTES.contains(route)) {
      problems.add("route must be one of " + String.join(", ", ROUTES) + ", got '" + route + "'");
    }
    String modeText = String.valueOf(form.getValue("mode", "")).trim().toLowerCase(Locale.ROOT);
    if (!modeText.equals("sync") && !modeText.equals("async")) {
      problems.add("mode must be sync or async, got '" + modeText + "'");
    }
    int calls = whole(form, "calls", 1, MAX_CALLS, problems);
    int taskMs = whole(form, "task_ms", 0, MAX_TASK_MS, problems);
    if (problems.isEmpty() && !route.equals("say-hi") && (long) calls * taskMs > MAX_WORK_MS) {
      problems.add("calls x task ms must be at most " + MAX_WORK_MS + " (a minute of work), got "
          + calls + " x " + taskMs + " = " + (long) calls * taskMs);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new ExperimentRequest(route, calls, Mode.parse(modeText), taskMs);
  }

  private static int whole(JsonObject form, String key, int min, int max, List<String> problems) {
    Object raw = form.getValue(key);
    try {
      long value = raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue()
          : Long.parseLong(String.valueOf(raw).trim());
      if (value >= min && value <= max) {
        return (int) value;
      }
    } catch (NumberFormatException notAWholeNumber) {
      // named below with the value given
    }
    problems.add(key + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
    return min;
  }

  /** The path the driver calls, e.g. {@code /slow-run?ms=300}. */
  String path() {
    return route.equals("say-hi") ? "/say-hi" : "/" + route + "?ms=" + taskMs;
  }

  /** The driver's plan for this request against {@code baseUrl}; sync runs one call at a time. */
  RunPlan plan(URI baseUrl) {
    RunPlan all = new RunPlan(baseUrl, path(), calls, calls, TIMEOUT_MS);
    return mode == Mode.SYNC ? all.sequential() : all;
  }

  JsonObject toJson() {
    return new JsonObject().put("route", route).put("path", path()).put("calls", calls)
        .put("mode", mode.label()).put("task_ms", taskMs);
  }
}

package dev.looplab.cli;

import dev.looplab.model.Mode;
import java.util.List;

/** One experiment of the lesson, in the order the lesson asks them. */
public record SuiteStep(String name, String route, int calls, List<Mode> modes) {

  /** say-hi sync versus async at 10 and 20 calls; fast-run 25, 25 again, 15, 12; slow-run 25; standard-run 25. */
  public static List<SuiteStep> lesson() {
    List<Mode> both = List.of(Mode.SYNC, Mode.ASYNC);
    List<Mode> async = List.of(Mode.ASYNC);
    return List.of(
        new SuiteStep("say-hi-10", "say-hi", 10, both),
        new SuiteStep("say-hi-20", "say-hi", 20, both),
        new SuiteStep("fast-run-25-first", "fast-run", 25, async),
        new SuiteStep("fast-run-25-again", "fast-run", 25, async),
        new SuiteStep("fast-run-15", "fast-run", 15, async),
        new SuiteStep("fast-run-12", "fast-run", 12, async),
        new SuiteStep("slow-run-25", "slow-run", 25, async),
        new SuiteStep("standard-run-25", "standard-run", 25, async));
  }
}

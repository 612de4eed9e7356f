package dev.looplab.report;

import java.util.ArrayList;
import java.util.List;

/** Runs drawn in the tests: the staircase of /slow-run and the block of /fast-run. */
final class TimelineFixtures {
  private TimelineFixtures() {}

  /** N calls sent at once to a blocking route on one loop: they finish one task apart. */
  static Timeline slowRunStaircase(int n, double taskMs) {
    List<Timeline.Call> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(new Timeline.Call(i + 1, 2.0 + i * 0.1, (i + 1) * taskMs + 5, "200", "vert.x-eventloop-thread-0",
          "request_id=r" + i));
    }
    return new Timeline("slow-run, async, " + n + " calls", List.of("predicted: " + n * taskMs + " ms", "measured: ..."),
        List.of("server: " + n + " blocked episode(s) (/slow-run " + n + ")"), calls);
  }

  /** N calls sent at once to a timer route: they all finish together. */
  static Timeline fastRunBlock(int n, double taskMs) {
    List<Timeline.Call> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(new Timeline.Call(i + 1, 1.0 + i * 0.1, taskMs + 8, i == n - 1 ? "503" : "200",
          i % 2 == 0 ? "vert.x-eventloop-thread-0" : "vert.x-eventloop-thread-1", ""));
    }
    return new Timeline("fast-run <async> & co", List.of("summary"), List.of(), calls);
  }
}

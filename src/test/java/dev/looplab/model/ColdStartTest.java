package dev.looplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColdStartTest {
  private static CallRecord call(int index, String instance, double start, double end) {
    return new CallRecord(index, 200, instance, "t", "t", "r" + index, start, end, null, null, null, null);
  }

  private static RunResult run(CallRecord... calls) {
    RunPlan plan = new RunPlan(URI.create("http://127.0.0.1:1"), "/fast-run", calls.length, calls.length, 0);
    return new RunResult(plan, Mode.ASYNC, Instant.now(), 3000, List.of(calls), true);
  }

  @Test
  void theFirstCallAnsweredByEachNewInstanceIsFlagged() {
    RunResult run = run(call(0, "old", 0, 2000), call(1, "new", 0, 2900), call(2, "new", 1, 2000),
        call(3, "new", 0, 2010), call(4, "warm", 0, 2001), call(5, "warm", 0, 2003));
    List<ColdStart> found = ColdStart.find(List.of(run), Set.of("old"));
    assertEquals(List.of("new", "warm"), found.stream().map(ColdStart::appInstanceId).toList(), "in order of sending");
    ColdStart slow = found.get(0);
    assertEquals(1, slow.callIndex());
    assertTrue(slow.likely(), slow.describe());
    assertFalse(found.get(1).likely(), found.get(1).describe());
  }

  @Test
  void anInstanceSeenInAnEarlierRunIsNotNewAgain() {
    RunResult first = run(call(0, "a", 0, 2000));
    RunResult second = run(call(0, "a", 0, 2000), call(1, "b", 0, 2000));
    List<ColdStart> found = ColdStart.find(List.of(first, second), Set.of());
    assertEquals(List.of("a", "b"), found.stream().map(ColdStart::appInstanceId).toList());
  }
}

package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A new user's first screen: a normal start, a few requests and a stop log no WARN and no ERROR. */
class CleanStartTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aNormalRunLogsNoWarning() throws Exception {
    try (ServerProcess server = ServerProcess.start("--task-ms", "5")) {
      for (String target : new String[] {"/say-hi", "/say-hi", "/fast-run", "/standard-run", "/info", "/metrics",
          "/threads", "/health", "/fast-run", "/metrics"}) {
        assertEquals(200, RawHttp.get(server.port(), target).status(), target);
      }
      server.terminate();
      assertEquals(0, server.awaitExit(30));
      server.await(Pattern.compile("drained"));
      List<String> lines = server.lines();
      // class loading while the verticle starts can hold a loop past the limit on a loaded machine;
      // that start-up warning is real but not this test's subject (the start-up work is being moved off the loop)
      int listening = IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains("listening on")).findFirst().orElseThrow();
      List<String> warnings = IntStream.range(0, lines.size())
          .filter(i -> lines.get(i).contains(" WARN ") || lines.get(i).contains(" ERROR "))
          .filter(i -> i > listening || !lines.get(i).contains("BlockedThreadChecker"))
          .mapToObj(lines::get).toList();
      assertTrue(warnings.isEmpty(), String.join("\n", lines));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eachRequestGetsOneAccessLineWithItsIdAndTheLoopThatServedIt() throws Exception {
    try (ServerProcess server = ServerProcess.start()) {
      assertEquals(200, RawHttp.get(server.port(), "/say-hi?n=1").status());
      assertEquals(404, RawHttp.get(server.port(), "/nowhere").status());
      server.await(Pattern.compile("rid=[0-9a-f]{16} - GET /nowhere 404 \\d+ ms$"));
      List<String> access = server.lines().stream().filter(line -> line.contains(" looplab.access ")).toList();
      assertEquals(2, access.size(), String.join("\n", server.lines()));
      assertTrue(access.get(0).matches(
          "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[vert\\.x-eventloop-thread-\\d+\\] looplab\\.access rid=[0-9a-f]{16} - GET /say-hi\\?n=1 200 \\d+ ms"),
          access.get(0));
    }
  }
}

package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
        assertEquals(200, RawHttp.get(server.port, target).status(), target);
      }
      server.terminate();
      assertEquals(0, server.awaitExit(30));
      server.await(Pattern.compile("drained"));
      assertFalse(server.lines().stream().anyMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")),
          String.join("\n", server.lines()));
    }
  }
}

package dev.looplab.driver;

import static dev.looplab.CommandRun.looplab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.CommandRun;
import dev.looplab.cli.Lessons;
import dev.looplab.observe.Instrumentation;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code experiment --html} and {@code --fail-on-blocked} against a real server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelineAndGateTest {
  private static final Pattern BAR = Pattern.compile("<rect class=\"bar ");
  private LabServer server;

  /** Blocks of 150 ms pass the 100 ms limit; no start-up grace. */
  private String startLab(Instrumentation instrumentation) {
    server = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(150)
        .withBlockedThreadChecks(20, 100, 10_000).withStartupGraceMs(0).withInstrumentation(instrumentation), Lessons.all());
    return "http://127.0.0.1:" + server.start().await();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown().await();
    }
  }

  @Test
  void slowRunsFailTheGateWithExitCode3AndDrawOneBarPerCall(@TempDir Path dir) throws Exception {
    String url = startLab(Instrumentation.ON);
    Path html = dir.resolve("slow.html");
    CommandRun outcome = looplab("experiment", "--base-url", url, "-r", "slow-run", "-n", "4", "-m", "both",
        "--html", html.toString(), "--fail-on-blocked");

    assertEquals(3, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("8 blocked event-loop episode(s)"), outcome.err() + outcome.out());
    assertTrue(outcome.out().contains("server: 4 blocked episode(s) (/slow-run 4)"), outcome.out());
    assertEquals(8, BAR.matcher(Files.readString(html)).results().count(), "4 sync + 4 async calls");
  }

  @Test
  void fastRunsPassTheGate(@TempDir Path dir) {
    String url = startLab(Instrumentation.ON);
    CommandRun outcome = looplab("experiment", "--base-url", url, "-r", "fast-run", "-n", "4", "--fail-on-blocked");
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("server: 0 blocked episode(s)"), outcome.out());
  }

  @Test
  void theGateRefusesToGuessWithoutMetrics() {
    String url = startLab(Instrumentation.OFF);
    CommandRun outcome = looplab("experiment", "--base-url", url, "-r", "say-hi", "-n", "2", "--fail-on-blocked");
    assertEquals(1, outcome.exitCode());
    assertTrue(outcome.err().contains("--fail-on-blocked cannot tell") && outcome.err().contains("instrumentation off"),
        outcome.err());
  }
}

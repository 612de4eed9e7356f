package dev.looplab.cli;

import static dev.looplab.CommandRun.looplab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.CommandRun;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a listener that never answers and against bad base URLs: bounded time, one line, documented code. */
class ProbeAndUrlFaultsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(strings = {"experiment", "suite"})
  void aListenerThatNeverAnswersFailsTheProbeWithinTheTimeout(String command) throws Exception {
    try (SilentListener silent = new SilentListener()) {
      CommandRun run = looplab(DEADLINE, command, "--base-url", silent.url(), "--timeout-ms", "400");
      assertEquals(1, run.exitCode(), run.err());
      assertEquals(1, run.errLines(), run.err());
      assertTrue(run.err().startsWith("looplab: ") && run.err().contains(silent.url()) && run.err().contains("400 ms"),
          run.err());
      // 400 ms is the budget; the rest is the client's own start-up on a loaded machine
      assertTrue(run.elapsedMs() < 15_000, "gave up after " + run.elapsedMs() + " ms");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:99999", "http://127.0.0.1:0", "127.0.0.1:8080", "localhost:8080",
      "gopher://127.0.0.1:8080", "http://:8080", "http:///info", "http://127.0.0.1:8080?x=1", "http://exa mple:80",
      "http://127.0.0.1:8080/x", "http://127.0.0.1:8080/lab/"})
  void aBadBaseUrlIsOneLineAboutTheBaseUrlAndExitCodeTwo(String url) {
    for (String command : new String[] {"experiment", "suite"}) {
      CommandRun run = looplab(DEADLINE, command, "--base-url", url);
      assertEquals(2, run.exitCode(), command + " " + url + ": " + run.err());
      assertEquals(1, run.errLines(), run.err());
      assertTrue(run.err().contains("'--base-url'"), run.err());
      assertFalse(run.err().contains("--route'"), run.err());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/x", "http://127.0.0.1:8080/lab/"})
  void aBaseUrlWithAPathIsReportedAsSuch(String url) {
    CommandRun run = looplab(DEADLINE, "experiment", "--base-url", url);
    assertTrue(run.err().contains("must not have a path"), run.err());
  }
}

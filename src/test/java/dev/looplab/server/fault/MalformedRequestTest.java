package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import dev.looplab.server.fault.RawHttp.Answer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client's mistakes, sent over raw sockets to a real server: each one is a 4xx with a JSON body,
 * logged in one short line, never a 500 and never a stack trace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedRequestTest {
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start("--task-ms", "1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/fast-run?ms=%zz", "/slow-run?ms=%zz", "/standard-run?ms=%", "/cpu-run?ms=%zz", "/say-hi%zz", "/say-hi?x=%zz",
      "/fast-run?ms=1&ms=2", "/fast-run?ms=+5", "/fast-run?ms=%205", "/fast-run?ms=5%20", "/fast-run?ms=-0",
      "/fast-run?ms=", "/fast-run?ms=0x10", "/fast-run?ms=99999999999999999999"})
  void aBadTargetIsA400WithJsonAndOneLogLine(String target) throws Exception {
    int logFrom = server.lines().size();
    Answer answer = RawHttp.get(server.port(), target);
    assertEquals(400, answer.status(), answer.raw());
    assertTrue(answer.isJsonError(), answer.raw());
    assertQuietLog(target, logFrom);
  }

  @Test
  void whatCannotBeParsedStillGetsJson() throws Exception {
    Answer badLine = RawHttp.exchange(server.port(), "GET /say-hi HTTP/1.1 extra", "Host: 127.0.0.1");
    assertEquals(400, badLine.status(), badLine.raw());
    assertTrue(badLine.isJsonError(), badLine.raw());
    Answer longTarget = RawHttp.get(server.port(), "/say-hi?x=" + "a".repeat(10_000));
    assertEquals(414, longTarget.status(), longTarget.raw());
    assertTrue(longTarget.isJsonError(), longTarget.raw());
    Answer bigHeader = RawHttp.exchange(server.port(), "GET /say-hi HTTP/1.1", "Host: 127.0.0.1", "X-Big: " + "b".repeat(10_000));
    assertEquals(431, bigHeader.status(), bigHeader.raw());
    assertTrue(bigHeader.isJsonError(), bigHeader.raw());
  }

  @Test
  void aRequestWithoutHostIsA400() throws Exception {
    Answer answer = RawHttp.exchange(server.port(), "GET /say-hi HTTP/1.1");
    assertEquals(400, answer.status(), answer.raw());
    assertTrue(answer.isJsonError(), answer.raw());
    assertFalse(answer.body().contains("null"), answer.body());
  }

  @Test
  void aDuplicateHostIsA400() throws Exception {
    Answer answer = RawHttp.exchange(server.port(), "GET /say-hi HTTP/1.1", "Host: 127.0.0.1", "Host: evil.example");
    assertEquals(400, answer.status(), answer.raw());
    assertTrue(answer.isJsonError(), answer.raw());
  }

  @Test
  void aWrongMethodIsA405WithAllow() throws Exception {
    for (String method : new String[] {"POST", "DELETE", "BREW"}) {
      Answer answer = RawHttp.exchange(server.port(), method + " /health HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 0");
      assertEquals(405, answer.status(), answer.raw());
      assertTrue(answer.isJsonError(), answer.raw());
      assertNotNull(answer.header("Allow"), answer.raw());
      assertTrue(answer.header("Allow").contains("GET"), answer.raw());
      assertTrue(answer.header("Allow").contains("HEAD"), answer.raw());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/say-hi", "/info"})
  void headWorksWhereGetDoes(String path) throws Exception {
    Answer answer = RawHttp.exchange(server.port(), "HEAD " + path + " HTTP/1.1", "Host: 127.0.0.1");
    assertEquals(200, answer.status(), answer.raw());
    assertEquals("", answer.body());
  }

  @Test
  void controlCharactersFromTheRequestNeverReachTheLogRaw() throws Exception {
    String nasty = "/say-hi\u001b[2J\u001b[1;1H\b\b\u007f\u0000x";
    RawHttp.exchange(server.port(), "GET " + nasty + " HTTP/1.1", "Host: 127.0.0.1");
    RawHttp.exchange(server.port(), "GET /fast-run?ms=\u001b[31m HTTP/1.1", "Host: 127.0.0.1");
    RawHttp.exchange(server.port(), "BR\u001bEW /nowhere\u001b[0m HTTP/1.1", "Host: 127.0.0.1");
    Answer marker = RawHttp.get(server.port(), "/say-hi?after-control-chars");
    assertEquals(200, marker.status());
    server.await(Pattern.compile("after-control-chars"));
    for (String line : server.lines()) {
      assertFalse(line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f), "raw control character in: " + line);
    }
    assertTrue(server.lines().stream().anyMatch(line -> line.contains("\\x1b[2J")), server.lines().toString());
  }

  /** The target's log lines: at most one, not ERROR, and no stack trace anywhere. */
  private static void assertQuietLog(String target, int logFrom) throws InterruptedException {
    RawHttp.Answer marker;
    try {
      marker = RawHttp.get(server.port(), "/health?after=" + target.hashCode());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(200, marker.status());
    server.await(Pattern.compile("after=" + target.hashCode()));
    List<String> all = server.lines();
    List<String> lines = all.subList(logFrom, all.size());
    // the target's own lines: access, refusal or error lines (a start-up line may land in between)
    long own = lines.stream().filter(line -> !line.contains("after=" + target.hashCode()))
        .filter(line -> line.contains("looplab.access") || line.contains(" WARN ") || line.contains(" ERROR ")).count();
    assertTrue(own <= 1, "more than one line for " + target + ": " + lines);
    assertFalse(lines.stream().anyMatch(line -> line.startsWith("\tat ") || line.contains("Exception")), String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(line -> line.contains(" ERROR ")), String.join("\n", lines));
  }
}

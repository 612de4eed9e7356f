package dev.looplab.cli;

import static dev.looplab.CommandRun.looplab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.CommandRun;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where results go is checked before the run: a device, a pipe, a directory or an impossible path
 * is a usage error (2), even with no server to call (which would otherwise be 1); a symlink is
 * written through.
 */
@ExtendWith(VertxExtension.class)
class OutputFileTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static String nobody;

  @TempDir Path dir;

  @BeforeAll
  static void findAPortNobodyListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static void assertRefusedBeforeTheRun(String option, String... args) {
    CommandRun run = looplab(DEADLINE, args);
    assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
    assertEquals(1, run.errLines(), run.err());
    assertTrue(run.err().contains("'" + option + "'"), run.err());
  }

  @Test
  void theNullDeviceIsRefusedAndNeverReplaced() {
    assertRefusedBeforeTheRun("--out", "experiment", "--base-url", nobody, "--out", "/dev/null");
    assertRefusedBeforeTheRun("--html", "experiment", "--base-url", nobody, "--html", "/dev/null");
    assertRefusedBeforeTheRun("--out-dir", "suite", "--base-url", nobody, "--out-dir", "/dev/null");
    assertFalse(Files.isRegularFile(Path.of("/dev/null"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aPipeOrADirectoryIsRefused() throws Exception {
    Path fifo = dir.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertRefusedBeforeTheRun("--out", "experiment", "--base-url", nobody, "--out", fifo.toString());
    assertRefusedBeforeTheRun("--out", "experiment", "--base-url", nobody, "--out", dir.toString());
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aPathThatCannotHoldAFileIsRefused() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    assertRefusedBeforeTheRun("--out", "experiment", "--base-url", nobody, "--out", plain.resolve("r.json").toString());
    assertRefusedBeforeTheRun("--out-dir", "suite", "--base-url", nobody, "--out-dir", plain.toString());
    assertEquals("x", Files.readString(plain));
  }

  @Test
  void aSymlinkIsWrittenThrough(Vertx vertx) throws IOException {
    LabServer lab = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(100), Lessons.all(), vertx);
    lab.start().await();
    Path target = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
    CommandRun run = looplab(DEADLINE, "experiment", "--base-url", "http://127.0.0.1:" + lab.port(), "--calls", "2",
        "--format", "json", "--out", link.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(2, new JsonObject(Files.readString(target)).getJsonArray("runs").getJsonObject(0).getJsonArray("calls").size());
  }
}

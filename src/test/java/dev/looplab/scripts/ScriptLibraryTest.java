package dev.looplab.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.cli.ServerCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/lib.sh's promises that no --help run can show: clean-up after a failure, and run-server.sh's options. */
class ScriptLibraryTest {
  @TempDir Path dir;

  @Test
  void aFailingScriptStillStopsEveryProcessItStartedEvenWhenOneKillFails() throws Exception {
    Path script = dir.resolve("fails.sh");
    Files.writeString(script, String.join("\n",
        "set -euo pipefail",
        "source '" + Path.of("scripts/lib.sh").toAbsolutePath() + "'",
        "sleep 60 & lab_track $!; echo $!",
        "lab_track 999999999   # a process that does not exist: its kill fails",
        "sleep 60 & lab_track $!; echo $!",
        "false   # set -e ends the script here",
        "echo not reached", ""));
    Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script did not end");
    List<String> out = new String(process.getInputStream().readAllBytes()).lines().toList();
    assertEquals(1, process.exitValue(), "the failure's status is kept: " + out);
    assertEquals(2, out.size(), "two pids, nothing after the failure: " + out);
    for (String pid : out) {
      assertFalse(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false), "still running: " + pid);
    }
  }

  @Test
  void runServerKnowsExactlyTheServersOptions() throws Exception {
    Matcher list = Pattern.compile("SERVER_OPTIONS=\\(([^)]*)\\)").matcher(Files.readString(Path.of("scripts/run-server.sh")));
    assertTrue(list.find(), "no SERVER_OPTIONS=(...) in scripts/run-server.sh");
    Set<String> inScript = new TreeSet<>(Arrays.asList(list.group(1).trim().split("\\s+")));
    Set<String> inServer = new ServerCommand().options().options().getOptions().stream()
        .flatMap(option -> Stream.of(option.getOpt() == null ? null : "-" + option.getOpt(), "--" + option.getLongOpt()))
        .filter(Objects::nonNull)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(inServer, inScript, "scripts/run-server.sh's SERVER_OPTIONS and `looplab server --help` differ");
  }
}

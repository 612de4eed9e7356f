package dev.looplab.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script in scripts/ (a file there whose first line is a shebang) answers --help with its usage
 * and exit 0, and an unknown argument with one line on stderr and exit 2, in well under a second and
 * without starting anything: the tools a script could start (java, mvn, curl, hey, wrk, ...) are
 * stand-ins on the PATH that record any call, and none may be called.
 */
class ScriptsTest {
  static final Path SCRIPTS = Path.of("scripts");
  private static final List<String> TOOLS = List.of("java", "mvn", "curl", "hey", "wrk", "haproxy", "jq", "podman",
      "docker", "gcloud", "chromium", "psql", "redis-server", "redis-cli", "pip", "apt-get");
  private static final Pattern INSTALL = Pattern.compile("\\b(apt-get|apt|dnf|yum|apk|brew|pip3?)\\s+(-\\S+\\s+)*install\\b");

  @TempDir Path bin;
  private Path calls;

  @BeforeEach
  void standInTools() throws IOException {
    calls = bin.resolve("calls.txt");
    for (String tool : TOOLS) {
      Path fake = bin.resolve(tool);
      Files.writeString(fake, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> '" + calls + "'\nexit 1\n");
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScriptAnswersHelpWithItsUsage() throws IOException {
    return scripts().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
      Run run = run(script, "--help");
      assertEquals(0, run.exit, script + " --help: " + run.err);
      assertTrue(run.out.toLowerCase(Locale.ROOT).contains("usage"), script + " --help printed no usage: " + run.out);
      assertNothingStarted(script);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyScriptRefusesAnUnknownArgumentInOneLine() throws IOException {
    return scripts().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
      Run run = run(script, "--no-such-option");
      assertEquals(2, run.exit, script + " --no-such-option: " + run.out + run.err);
      assertEquals(1, run.err.strip().lines().count(), script + " should say one line: " + run.err);
      assertEquals("", run.out, script + " printed on stdout");
      assertNothingStarted(script);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyShellScriptUsesTheLibraryAndInstallsNothing() throws IOException {
    return scripts().filter(script -> script.toString().endsWith(".sh"))
        .map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
          List<String> code = Files.readAllLines(script).stream().filter(line -> !line.strip().startsWith("#")).toList();
          assertTrue(code.stream().anyMatch(line -> line.matches("source \"\\$\\(dirname \"\\$0\"\\)/lib\\.sh\"")),
              script + " does not source scripts/lib.sh");
          assertFalse(code.stream().anyMatch(line -> INSTALL.matcher(line).find()),
              script + " installs packages; it should name the missing one (lab_need) and exit");
        }));
  }

  static Stream<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      List<Path> found = files.filter(Files::isRegularFile).filter(ScriptsTest::hasShebang).sorted().toList();
      assertFalse(found.isEmpty(), "no scripts found in " + SCRIPTS.toAbsolutePath());
      return found.stream();
    }
  }

  private static boolean hasShebang(Path file) {
    try {
      return Files.readString(file).startsWith("#!");
    } catch (IOException e) {
      return false;
    }
  }

  private void assertNothingStarted(Path script) throws IOException {
    assertFalse(Files.exists(calls), script + " started " + (Files.exists(calls) ? Files.readString(calls) : ""));
  }

  private Run run(Path script, String arg) throws Exception {
    String interpreter = script.toString().endsWith(".py") ? realPython().orElse("python3") : "bash";
    ProcessBuilder builder = new ProcessBuilder(interpreter, script.toString(), arg);
    builder.environment().keySet().removeIf(key -> key.equals("JAVA") || key.equals("JAR"));
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Path out = bin.resolve("out.txt");
    Path err = bin.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), script + " " + arg + " did not finish within 10 s");
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** python3 on the real PATH, so that .py scripts run while the stand-ins shadow everything else. */
  private static Optional<String> realPython() {
    return Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "python3"))
        .filter(Files::isExecutable).map(Path::toString).findFirst();
  }

  private record Run(int exit, String out, String err) {}
}

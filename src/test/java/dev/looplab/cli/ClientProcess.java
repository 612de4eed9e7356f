package dev.looplab.cli;

import dev.looplab.MainCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp <this test's class path> dev.looplab.Main ...} as a real process, for what only a
 * process shows: signals and exit codes. Started through {@code env --default-signal=INT}, because a
 * process launched in the background may inherit SIGINT ignored, and the JVM then never sees Ctrl-C.
 */
final class ClientProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private ClientProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static ClientProcess start(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
    command.addAll(MainCommand.of(List.of(), List.of(args)));
    Path out = dir.resolve("child.out");
    Path err = dir.resolve("child.err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new ClientProcess(process, out, err);
  }

  /** What Ctrl-C in a terminal sends. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -INT " + process.pid() + " failed");
    }
  }

  int awaitExit(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running " + seconds + " s after the signal; stderr: " + err());
    }
    return process.exitValue();
  }

  String out() throws IOException {
    return Files.readString(out);
  }

  String err() throws IOException {
    return Files.readString(err);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

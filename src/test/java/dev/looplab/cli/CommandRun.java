package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.looplab.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;

/** Runs a looplab command line in this JVM, with a deadline, and keeps what it printed. */
record CommandRun(int exitCode, String out, String err, long elapsedMs) {

  static CommandRun looplab(Duration deadline, String... args) {
    return assertTimeoutPreemptively(deadline, () -> run(args), () -> "looplab " + String.join(" ", args) + " still running");
  }

  private static CommandRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    try {
      System.setOut(new PrintStream(out, true));
      System.setErr(new PrintStream(err, true));
      int code = Main.execute(args);
      return new CommandRun(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The non-blank lines on stderr. */
  long errLines() {
    return err.lines().filter(l -> !l.isBlank()).count();
  }
}

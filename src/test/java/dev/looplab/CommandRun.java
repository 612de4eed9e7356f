package dev.looplab;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;

/** Runs a looplab command line in this JVM, with or without a deadline of its own, and keeps what it printed. */
public record CommandRun(int exitCode, String out, String err, long elapsedMs) {

  public static CommandRun looplab(Duration deadline, String... args) {
    return assertTimeoutPreemptively(deadline, () -> looplab(args), () -> "looplab " + String.join(" ", args) + " still running");
  }

  /** Without a deadline of its own: the test's timeout bounds it. */
  public static CommandRun looplab(String... args) {
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
  public long errLines() {
    return err.lines().filter(l -> !l.isBlank()).count();
  }
}

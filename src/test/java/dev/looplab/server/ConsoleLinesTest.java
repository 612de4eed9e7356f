package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A write to the console never waits for it: a stuck console blocks the writer thread, not the logger. */
class ConsoleLinesTest {

  @Test
  void aStuckConsoleNeitherBlocksTheLoggerNorLosesLinesUntilTheQueueIsFull() throws Exception {
    Stuck console = new Stuck();
    ConsoleLines lines = new ConsoleLines(() -> console);
    lines.write(line(0));
    assertTrue(console.writing.await(10, TimeUnit.SECONDS), "the writer took the first line and is stuck in its write");
    long droppedBefore = ConsoleLines.dropped();

    // 4096 fill the queue, 100 more find it full: none of the calls may wait for the console
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      for (int i = 1; i <= 4096 + 100; i++) {
        lines.write(line(i));
      }
    });
    assertEquals(100, ConsoleLines.dropped() - droppedBefore);

    console.release.countDown();
    lines.close(); // waits until what was queued is written
    String written = console.text();
    assertEquals(4097, written.lines().count());
    assertTrue(written.startsWith("line 0\nline 1\nline 2\n"), "in order");
    assertTrue(written.endsWith("line 4096\n"), "the last one that found room");
  }

  @Test
  void closeGivesUpAfterASecondAndAtOnceOnceTheConsoleIsKnownStuck() throws Exception {
    Stuck console = new Stuck();
    ConsoleLines lines = new ConsoleLines(() -> console);
    lines.write(line(0));
    lines.write(line(1));
    assertTrue(console.writing.await(10, TimeUnit.SECONDS));
    assertTimeoutPreemptively(Duration.ofSeconds(5), lines::close);
    long start = System.nanoTime();
    lines.close();
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "no second wait for a stuck console");
    console.release.countDown();
  }

  private static byte[] line(int i) {
    return ("line " + i + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Holds the first write until released, as a pipe nobody reads does. */
  private static final class Stuck extends OutputStream {
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writing.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (bytes) {
        bytes.write(b, off, len);
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}

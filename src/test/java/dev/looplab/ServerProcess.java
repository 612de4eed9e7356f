package dev.looplab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code looplab server} process on a free port, with the production logging setup, for the
 * behaviours that depend on the process: signals, sockets, what the log shows a person, an
 * app_instance_id of its own.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final int port;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private boolean ended;
  private final CountDownLatch resume = new CountDownLatch(1);
  private volatile boolean paused;

  private ServerProcess(Process process) throws InterruptedException {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "server-output");
    reader.setDaemon(true);
    reader.start();
    this.port = Integer.parseInt(await(LISTENING).group(1));
  }

  /** Starts {@code looplab server --port 0} plus the given options; returns once it listens. */
  public static ServerProcess start(String... options) throws Exception {
    return start(Map.of(), options);
  }

  /** With debug logging, so a test can wait for a route's "started" line. */
  public static ServerProcess startDebug(String... options) throws Exception {
    return start(Map.of("LOOPLAB_LOG_LEVEL", "DEBUG"), options);
  }

  /** With these environment variables, and none of the LOOPLAB_* or PORT of the shell that runs the tests. */
  public static ServerProcess start(Map<String, String> environment, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("server", "--port", "0"));
    args.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(MainCommand.withoutTestClasses(List.of(), args))
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("LOOPLAB_") || name.equals("PORT"));
    builder.environment().putAll(environment);
    return new ServerProcess(builder.start());
  }

  public int port() {
    return port;
  }

  /** SIGTERM, as a container runtime sends it; the pipe we read stays open. */
  public void terminate() {
    process.toHandle().destroy();
  }

  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("server did not exit within " + seconds + " s: " + lines);
    }
    return process.exitValue();
  }

  /**
   * Stops reading the server's output, as a paused pager or a terminal after Ctrl-S would: once the
   * pipe is full, the server's writes to its stdout block.
   */
  public void stopReadingOutput() {
    paused = true;
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Blocks until a line matches; the test's timeout bounds the wait. */
  public synchronized Matcher await(Pattern pattern) throws InterruptedException {
    int checked = 0;
    while (true) {
      for (; checked < lines.size(); checked++) {
        Matcher m = pattern.matcher(lines.get(checked));
        if (m.find()) {
          return m;
        }
      }
      if (ended) {
        throw new AssertionError("server output ended before " + pattern + ": " + lines);
      }
      wait();
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        add(line);
        if (paused) {
          resume.await();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | UncheckedIOException e) {
      // the process went away
    }
    synchronized (this) {
      ended = true;
      notifyAll();
    }
  }

  private synchronized void add(String line) {
    lines.add(line);
    notifyAll();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    resume.countDown();
  }
}

package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Future;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log leaves the event loop: ids survive the hop, a full queue drops (counted) and never waits. */
class AsyncAccessLogTest {
  private final Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
  private AsyncAccessAppender appender;

  @AfterEach
  void detach() {
    if (appender != null) {
      access.detachAppender(appender);
      appender.stop();
    }
    access.setLevel(null);
    access.setAdditive(true);
  }

  @Test
  void eachAsyncLineCarriesTheIdOfItsRequestThoughAnotherThreadFormatsIt() throws Exception {
    Sink sink = new Sink(2);
    attach(sink, 1024);
    try (TestServer lab = TestServer.start(TestServer.config(20))) {
      var given = lab.client.get("/say-hi").putHeader("X-Request-Id", "async-A").send();
      var chosen = lab.client.get("/fast-run").send();
      Future.all(given, chosen).await();
      assertTrue(sink.lines.await(10, TimeUnit.SECONDS), "two access lines written: " + sink.text);
      String madeId = chosen.result().getHeader("X-Request-Id");
      assertTrue(sink.text.toString().contains("async-A GET /say-hi 200 "), sink.text::toString);
      assertTrue(sink.text.toString().contains(madeId + " GET /fast-run 200 "), sink.text::toString);
      assertEquals(List.of("looplab-access-log"), sink.writers.stream().distinct().toList());
    }
  }

  @Test
  void theLabsOwnSetUpHandsTheLineOverWithoutALogbackEventAndStopsDoingSoWhenItsAppenderStops() throws Exception {
    Sink sink = new Sink(1);
    attachAsLogConfigDoes(sink);
    Events events = new Events();
    events.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    events.start();
    access.addAppender(events);
    appender.takeAccessLines(); // as LogConfig does
    try (TestServer lab = TestServer.start(TestServer.config(20))) {
      assertEquals(200, lab.client.get("/say-hi?x=1").putHeader("X-Request-Id", "direct-A").send().await().statusCode());
      assertTrue(sink.lines.await(10, TimeUnit.SECONDS), sink.text::toString);
      assertTrue(sink.text.toString().matches(
              "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[vert\\.x-eventloop-thread-\\d+\\] looplab\\.access rid=direct-A - GET /say-hi\\?x=1 200 \\d+ ms\n"),
          sink.text::toString);
      assertEquals(List.of(), events.lines, "no logback event was made for the line");

      appender.stop();
      assertEquals(200, lab.client.get("/say-hi").putHeader("X-Request-Id", "direct-B").send().await().statusCode());
      assertTrue(events.first.await(10, TimeUnit.SECONDS), "through logback again once the appender stopped");
      assertEquals(List.of("GET /say-hi 200"), events.lines.stream().map(line -> line.replaceAll(" \\d+ ms$", "")).toList());
    } finally {
      access.detachAppender(events);
    }
  }

  /** The messages of the logback events an access logger's appender is given. */
  private static final class Events extends AppenderBase<ILoggingEvent> {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch first = new CountDownLatch(1);

    @Override
    protected void append(ILoggingEvent event) {
      lines.add(event.getFormattedMessage());
      first.countDown();
    }
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfMakingTheLoggerWait() throws Exception {
    Sink blocked = new Sink(1);
    CountDownLatch release = new CountDownLatch(1);
    blocked.holdUntil = release;
    attach(blocked, 4);
    access.info("first"); // taken by the writer, which then blocks in its write
    assertTrue(blocked.writing.await(10, TimeUnit.SECONDS));
    long droppedBefore = AsyncAccessAppender.dropped();

    // 4 fill the queue, 6 more find it full: none of the 10 calls may wait for the writer
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      for (int i = 0; i < 10; i++) {
        access.info("line " + i);
      }
    });
    assertEquals(6, AsyncAccessAppender.dropped() - droppedBefore);

    blocked.lines = new CountDownLatch(5);
    release.countDown();
    assertTrue(blocked.lines.await(10, TimeUnit.SECONDS), blocked.text::toString);
    assertTrue(blocked.text.toString().contains("line 3"));
    assertFalse(blocked.text.toString().contains("line 4"), "dropped, not written late");
  }

  @Test
  void offWritesNoAccessLine() throws Exception {
    Sink sink = new Sink(1);
    attach(sink, 1024);
    try (TestServer lab = TestServer.start(TestServer.config(20).withAccessLog(false))) {
      assertEquals(200, lab.get("/say-hi").statusCode());
      access.info("marker"); // lines are written in order: once the marker is out, no access line came before it
      assertTrue(sink.lines.await(10, TimeUnit.SECONDS));
      assertEquals("- marker\n", sink.text.toString());
    }
  }

  @Test
  void theLabsOwnLineNamesTheThreadThatLoggedNotTheWriter() throws Exception {
    Sink sink = new Sink(1);
    attachAsLogConfigDoes(sink);
    Thread logging = new Thread(() -> access.atInfo().addKeyValue(AccessLog.REQUEST_ID_KEY, "rid-7").log("GET /x 200 0 ms"),
        "vert.x-eventloop-thread-9");
    logging.start();
    logging.join();
    assertTrue(sink.lines.await(10, TimeUnit.SECONDS), sink.text::toString);
    assertTrue(sink.text.toString().endsWith(" INFO  [vert.x-eventloop-thread-9] looplab.access rid=rid-7 - GET /x 200 0 ms\n"),
        sink.text::toString);
  }

  /** The lab's own line, written by hand, and no MDC copied: as {@link LogConfig} sets the appender up. */
  private void attachAsLogConfigDoes(Sink sink) {
    LogLineEncoder encoder = new LogLineEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.start();
    attach(sink, 1024, encoder);
    appender.setIncludeMdc(false);
  }

  private void attach(Sink sink, int queueSize) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%rid %msg%n"); // %rid: the conversion rule of logback-test.xml
    encoder.start();
    attach(sink, queueSize, encoder);
  }

  private void attach(Sink sink, int queueSize, ch.qos.logback.core.encoder.Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender = new AsyncAccessAppender();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setQueueSize(queueSize);
    appender.setOutput(sink);
    appender.start();
    access.setLevel(Level.INFO);
    access.setAdditive(false);
    access.addAppender(appender);
  }

  /** Collects what the appender writes, with the writing thread; can hold the writer inside a write. */
  private static final class Sink extends OutputStream {
    final StringBuffer text = new StringBuffer();
    final List<String> writers = new CopyOnWriteArrayList<>();
    final CountDownLatch writing = new CountDownLatch(1);
    volatile CountDownLatch lines;
    volatile CountDownLatch holdUntil;

    Sink(int expectedLines) {
      lines = new CountDownLatch(expectedLines);
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      writing.countDown();
      CountDownLatch hold = holdUntil;
      if (hold != null) {
        try {
          hold.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        holdUntil = null;
      }
      String chunk = new String(bytes, offset, length, StandardCharsets.UTF_8);
      text.append(chunk);
      writers.add(Thread.currentThread().getName());
      chunk.chars().filter(c -> c == '\n').forEach(c -> lines.countDown());
    }
  }
}

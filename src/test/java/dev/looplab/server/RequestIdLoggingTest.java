package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The request id must be on each line of a request, whichever thread logs it. */
class RequestIdLoggingTest {
  private final FormattingAppender lines = new FormattingAppender();
  private final List<Logger> loggers = List.of(logger(LabVerticle.class.getName()),
      logger(RouteRun.class.getName()), logger("looplab.access"));
  private TestServer lab;

  @BeforeEach
  void capture() {
    lines.start();
    loggers.forEach(l -> {
      l.setLevel(Level.DEBUG);
      l.setAdditive(false);
      l.addAppender(lines);
    });
    lab = TestServer.start(TestServer.config(200));
  }

  @AfterEach
  void release() {
    lab.close();
    loggers.forEach(l -> {
      l.detachAppender(lines);
      l.setLevel(null);
      l.setAdditive(true);
    });
  }

  @Test
  void concurrentRequestsEachLogTheirOwnIdFromTheLoopTimerAndWorker() {
    Future.all(
        lab.client.get("/fast-run").putHeader("X-Request-Id", "req-A").send(),
        lab.client.get("/standard-run?ms=100").putHeader("X-Request-Id", "req-B").send(),
        lab.client.get("/fast-run?ms=50").putHeader("X-Request-Id", "req-C").send()).await();
    // access lines are written when a response has gone out, which can be after the client has it;
    // once Vert.x has closed, every one of them has run
    lab.vertx().close().await();

    Map<String, List<String>> byId = lines.captured.stream()
        .collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf(' '))));
    assertEquals(List.of("req-A", "req-B", "req-C"), byId.keySet().stream().sorted().toList(), lines.captured::toString);
    assertTrue(byId.get("req-A").stream().anyMatch(l -> l.contains("fast-run timer fired")), byId::toString);
    assertTrue(byId.get("req-A").stream().anyMatch(l -> l.contains("GET /fast-run 200")), byId::toString);
    assertTrue(byId.get("req-B").stream().anyMatch(l -> l.contains("worker") && l.contains("vert.x-worker-thread")), byId::toString);
    assertTrue(byId.get("req-C").stream().anyMatch(l -> l.contains("GET /fast-run?ms=50 200")), byId::toString);
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }

  /** Formats each line on the thread that logs it, as the console appender does. */
  private static final class FormattingAppender extends AppenderBase<ILoggingEvent> {
    final List<String> captured = new CopyOnWriteArrayList<>();
    private final PatternLayout layout = new PatternLayout();

    @Override
    public void start() {
      layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
      layout.getInstanceConverterMap().put("rid", RequestIdConverter::new);
      layout.setPattern("%rid [%thread] %msg");
      layout.start();
      super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
      captured.add(layout.doLayout(event));
    }
  }
}

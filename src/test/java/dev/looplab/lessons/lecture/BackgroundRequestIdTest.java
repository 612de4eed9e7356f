package dev.looplab.lessons.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.looplab.server.RequestId;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The request id reaches the background job's log lines, whichever thread runs the job. */
@ExtendWith(VertxExtension.class)
class BackgroundRequestIdTest {
  private final RequestIdCapture capture = new RequestIdCapture();
  private final Logger jobLog = (Logger) LoggerFactory.getLogger(BackgroundJobs.class);
  private LectureServer lab;

  @BeforeEach
  void start(Vertx vertx) {
    capture.start();
    jobLog.setLevel(Level.INFO);
    jobLog.addAppender(capture);
    lab = new LectureServer(vertx, 100);
  }

  @AfterEach
  void stop() {
    lab.stop();
    jobLog.detachAppender(capture);
    jobLog.setLevel(null);
  }

  @Test
  void everyWayOfRunningTheJobLogsWithTheRequestsId() {
    for (String where : List.of("loop", "worker", "queue")) {
      lab.get("/background-run?where=" + where, "rid-" + where);
    }
    lab.jobs().whenIdle(lab.server.vertx(), 5_000).await();

    for (String where : List.of("loop", "worker", "queue")) {
      ILoggingEvent done = capture.list.stream()
          .filter(e -> e.getFormattedMessage().contains("(" + where + ") done"))
          .findFirst().orElseThrow(() -> new AssertionError("no 'done' line for " + where + ": " + capture.list));
      assertEquals("rid-" + where, capture.requestIds.get(done), done.getFormattedMessage());
    }
    assertTrue(threadOf("loop").startsWith("vert.x-eventloop-thread"), threadOf("loop"));
    assertTrue(threadOf("worker").startsWith("vert.x-worker-thread"), threadOf("worker"));
    assertTrue(threadOf("queue").startsWith("vert.x-worker-thread"), threadOf("queue"));
  }

  private String threadOf(String where) {
    return capture.list.stream().filter(e -> e.getFormattedMessage().contains("(" + where + ") done"))
        .findFirst().orElseThrow().getThreadName();
  }

  /** A ListAppender that also notes the request id seen by the thread that logs, as logback's %rid would. */
  private static final class RequestIdCapture extends ListAppender<ILoggingEvent> {
    final Map<ILoggingEvent, String> requestIds = new ConcurrentHashMap<>();

    @Override
    protected void append(ILoggingEvent event) {
      String id = RequestId.current();
      requestIds.put(event, id == null ? "-" : id);
      super.append(event);
    }
  }
}

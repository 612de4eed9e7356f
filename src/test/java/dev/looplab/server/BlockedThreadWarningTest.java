package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class BlockedThreadWarningTest {
  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
  private final CountDownLatch firstWarning = new CountDownLatch(1);
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent event) {
      super.append(event);
      firstWarning.countDown();
    }
  };
  private TestServer lab;
  private Level configuredLevel;

  @BeforeEach
  void capture() {
    warnings.start();
    configuredLevel = checker().getLevel();
    checker().setLevel(Level.WARN);
    checker().setAdditive(false); // captured here, not printed
    checker().addAppender(warnings);
    lab = TestServer.start(TestServer.config(300));
  }

  @AfterEach
  void release() {
    lab.close();
    checker().detachAppender(warnings);
    checker().setLevel(configuredLevel);
    checker().setAdditive(true);
  }

  @org.junit.jupiter.api.Test
  void slowRunIsReportedWithTheHandlerLineInTheStack() {
    lab.get("/slow-run");
    // the checker's own thread logs the warning while the loop sleeps; on a busy machine it may still
    // be writing it when the answer arrives here
    assertTrue(await(firstWarning), "no blocked-thread warning for a 300 ms sleep on the loop");
    List<ILoggingEvent> events = List.copyOf(warnings.list);
    assertFalse(events.isEmpty(), "no blocked-thread warning for a 300 ms sleep on the loop");
    assertTrue(events.stream().allMatch(e -> e.getFormattedMessage()
        .matches("Thread vert\\.x-eventloop-thread-\\d+ has been blocked for \\d+ ms, time limit is 100 ms")),
        events::toString);
    assertTrue(events.stream().anyMatch(e -> hasFrame(e.getThrowableProxy(), "slowRun")),
        "no warning carried a stack trace reaching LabVerticle.slowRun");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fast-run", "/standard-run", "/say-hi"})
  void routesThatDoNotBlockTheLoopAreNotReported(String route) {
    lab.get(route);
    assertTrue(warnings.list.isEmpty(), () -> route + " was reported: " + warnings.list);
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Logger checker() {
    return (Logger) LoggerFactory.getLogger(CHECKER);
  }

  private static boolean hasFrame(IThrowableProxy proxy, String method) {
    return proxy != null && Arrays.stream(proxy.getStackTraceElementProxyArray())
        .map(StackTraceElementProxy::getStackTraceElement)
        .anyMatch(f -> f.getClassName().equals(LabVerticle.class.getName()) && f.getMethodName().equals(method));
  }
}

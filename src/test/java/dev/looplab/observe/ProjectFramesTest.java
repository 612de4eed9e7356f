package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectFramesTest {
  private static StackTraceElement frame(String type, String method, int line) {
    String file = type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$.*", "") + ".java";
    return new StackTraceElement(type, method, file, line);
  }

  @Test
  void aSleepShowsOnlyOurFrames() {
    StackTraceElement[] stack = {
        frame("java.lang.Thread", "sleep", 0),
        frame("dev.looplab.server.LabVerticle", "sleep", 120),
        frame("dev.looplab.server.LabVerticle", "slowRun", 90),
        frame("io.vertx.ext.web.impl.RouteState", "handleContext", 1200)};

    assertEquals(List.of("dev.looplab.server.LabVerticle.sleep(LabVerticle.java:120)",
        "dev.looplab.server.LabVerticle.slowRun(LabVerticle.java:90)"), ProjectFrames.top(stack, 3));
  }

  @Test
  void aDriverCallShowsTheDriversSocketReadAndItsEntryAboveOurLine() {
    StackTraceElement[] stack = {
        frame("sun.nio.ch.NioSocketImpl", "park", 186),
        frame("java.net.Socket$SocketInputStream", "read", 1099),
        frame("org.postgresql.core.VisibleBufferedInputStream", "readMore", 192),
        frame("org.postgresql.core.PGStream", "receiveChar", 465),
        frame("org.postgresql.core.v3.QueryExecutorImpl", "processResults", 2200),
        frame("org.postgresql.core.v3.QueryExecutorImpl", "execute", 420),
        frame("org.postgresql.jdbc.PgPreparedStatement", "executeUpdate", 152),
        frame("dev.looplab.lessons.decisions.BlockingCalls", "insertRow", 44),
        frame("dev.looplab.lessons.decisions.LoopStore", "lambda$insertRow$2", 48),
        frame("io.vertx.core.impl.ContextImpl", "emit", 300)};

    assertEquals(List.of("org.postgresql.core.VisibleBufferedInputStream.readMore(VisibleBufferedInputStream.java:192)",
        "org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:420)",
        "org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)",
        "dev.looplab.lessons.decisions.BlockingCalls.insertRow(BlockingCalls.java:44)",
        "dev.looplab.lessons.decisions.LoopStore.lambda$insertRow$2(LoopStore.java:48)"), ProjectFrames.top(stack, 3));
  }

  @Test
  void frameworkFramesAboveOurLineAreNotDriverFrames() {
    StackTraceElement[] stack = {
        frame("io.netty.channel.nio.NioEventLoop", "select", 800),
        frame("io.vertx.core.impl.ContextImpl", "emit", 300),
        frame("dev.looplab.server.LabVerticle", "slowRun", 90)};

    assertEquals(List.of("dev.looplab.server.LabVerticle.slowRun(LabVerticle.java:90)"), ProjectFrames.top(stack, 3));
  }
}

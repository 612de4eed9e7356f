package dev.looplab.live;

import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import java.util.List;

/** A lab server with the live page on a free port; the blocked-loop limits short enough to see 300 ms blocks. */
final class LiveServer implements AutoCloseable {
  final LabServer server;
  final LiveLesson lesson = new LiveLesson();
  final int port;

  LiveServer() {
    this(config());
  }

  LiveServer(ServerConfig config) {
    server = new LabServer(config, List.of(lesson));
    port = server.start().await();
  }

  /** Checks every 50 ms, a loop held past 100 ms is blocked, no start-up grace; one event loop. */
  static ServerConfig config() {
    return ServerConfig.defaults().withPort(0).withTaskMs(300)
        .withBlockedThreadChecks(50, 100, 10_000).withStartupGraceMs(0).withShutdownGraceMs(2_000);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() {
    server.shutdown().await();
  }
}

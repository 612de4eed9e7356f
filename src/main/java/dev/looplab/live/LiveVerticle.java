package dev.looplab.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Ties the live page's own threads (the snapshot ticker, the experiment runner) to the life of
 * the server's Vert.x: however Vert.x is closed, with the server's drain or without, it undeploys
 * this verticle and the threads stop. It runs nothing on its event loop.
 */
final class LiveVerticle extends VerticleBase {
  private final SnapshotStream stream;
  private final LiveExperiments experiments;

  LiveVerticle(SnapshotStream stream, LiveExperiments experiments) {
    this.stream = stream;
    this.experiments = experiments;
  }

  @Override
  public Future<?> start() {
    stream.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stream.stop();
    return experiments.stop();
  }
}

package dev.looplab.driver;

import io.vertx.core.Vertx;

/** Something that shows a run while it goes on, e.g. a live line on a terminal. */
@FunctionalInterface
public interface Progress {
  Progress NONE = (vertx, log, label) -> () -> {};

  /** Starts showing {@code log}; returns what stops it. */
  Runnable show(Vertx vertx, CallLog log, String label);
}

package dev.looplab.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * One open page's server-sent event stream. Events are written on the connection's own event loop;
 * an event that finds the connection's write queue full is dropped (a stalled page must not make
 * the server hold a growing backlog: the next snapshot supersedes it anyway).
 */
final class StreamSubscriber {
  private final Context context;
  private final HttpServerResponse response;
  private volatile boolean open = true;

  private StreamSubscriber(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
  }

  /**
   * Answers {@code rc} with an event stream; {@code gone} runs once when the page closes it, the
   * connection breaks or the server shuts down. Through the routing context's end handlers, not the
   * response's own close handler, which the router already uses for its end handlers.
   */
  static StreamSubscriber open(RoutingContext rc, Consumer<StreamSubscriber> gone) {
    StreamSubscriber subscriber = new StreamSubscriber(Vertx.currentContext(), rc.response());
    rc.addEndHandler(ended -> {
      subscriber.open = false;
      gone.accept(subscriber);
    });
    rc.request().connection().shutdownHandler(shuttingDown -> subscriber.end());
    rc.response().setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .write(": looplab live stream\n\n"); // sends the headers now, so the page sees the stream open
    return subscriber;
  }

  void send(Buffer event) {
    context.runOnContext(v -> write(event));
  }

  /** On this page's event loop only. */
  void write(Buffer event) {
    if (open && !response.writeQueueFull()) {
      response.write(event);
    }
  }

  /** False once the page has gone or the stream was ended. */
  boolean open() {
    return open;
  }

  Context context() {
    return context;
  }

  /** Ends the stream from the server's side (shutdown). */
  void end() {
    context.runOnContext(v -> {
      if (open) {
        open = false;
        response.end();
      }
    });
  }

  static Buffer event(String name, String json) {
    return Buffer.buffer("event: " + name + "\ndata: " + json + "\n\n");
  }
}

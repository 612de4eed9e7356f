package dev.looplab.live;

import java.util.function.BiConsumer;

/** Reassembles server-sent events from the chunks they arrive in; hands on each event's name and data. */
final class SseReader {
  private final StringBuilder pending = new StringBuilder();
  private final BiConsumer<String, String> onEvent;

  SseReader(BiConsumer<String, String> onEvent) {
    this.onEvent = onEvent;
  }

  synchronized void accept(String chunk) {
    pending.append(chunk);
    for (int end = pending.indexOf("\n\n"); end >= 0; end = pending.indexOf("\n\n")) {
      String event = pending.substring(0, end);
      pending.delete(0, end + 2);
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line : event.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      if (!event.startsWith(":")) {
        onEvent.accept(name, data.toString());
      }
    }
  }
}

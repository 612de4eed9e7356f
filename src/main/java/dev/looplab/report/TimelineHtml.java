package dev.looplab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a run as a self-contained HTML page (inline CSS, SVG and a few lines of script; nothing
 * fetched, so it opens offline): one horizontal bar per call from its start to its end, one lane
 * per server thread, coloured by status. Sequential blocking calls make a staircase; calls that
 * share a free loop make one block.
 */
public final class TimelineHtml {
  private static final int LABEL_WIDTH = 230;
  private static final int PLOT_WIDTH = 900;
  private static final int AXIS_HEIGHT = 28;
  private static final int LANE_HEADER = 18;

  private TimelineHtml() {}

  public static String render(Timeline timeline) {
    return render(timeline.title(), List.of(timeline));
  }

  public static String render(String pageTitle, List<Timeline> timelines) {
    int calls = timelines.stream().mapToInt(t -> t.calls().size()).sum();
    StringBuilder html = new StringBuilder(4096 + calls * 300);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(pageTitle)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n")
        .append("<h1>").append(escape(pageTitle)).append("</h1>\n");
    for (Timeline timeline : timelines) {
      html.append("<section>\n");
      if (timelines.size() > 1 || !timeline.title().equals(pageTitle)) {
        html.append("<h2>").append(escape(timeline.title())).append("</h2>\n");
      }
      lines(html, "summary", timeline.summary());
      lines(html, "server", timeline.server());
      legend(html, timeline.calls());
      svg(html, timeline.calls());
      html.append("</section>\n");
    }
    html.append("<div id=\"details\">Hover a bar to see its call.</div>\n")
        .append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return html.toString();
  }

  private static void lines(StringBuilder html, String cssClass, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    html.append("<pre class=\"").append(cssClass).append("\">");
    lines.forEach(line -> html.append(escape(line)).append('\n'));
    html.append("</pre>\n");
  }

  private static void legend(StringBuilder html, List<Timeline.Call> calls) {
    Map<String, Long> counts = new LinkedHashMap<>();
    calls.stream().sorted(Comparator.comparing(Timeline.Call::status))
        .forEach(call -> counts.merge(call.status(), 1L, Long::sum));
    html.append("<p class=\"legend\">");
    counts.forEach((status, count) -> html.append("<span class=\"key ").append(statusClass(status)).append("\"></span>")
        .append(escape(status)).append(" &times; ").append(count).append(" &nbsp; "));
    html.append("</p>\n");
  }

  private static void svg(StringBuilder html, List<Timeline.Call> calls) {
    Map<String, List<Timeline.Call>> lanes = lanes(calls);
    double startMs = calls.stream().mapToDouble(Timeline.Call::startMs).min().orElse(0);
    double endMs = calls.stream().mapToDouble(Timeline.Call::endMs).max().orElse(1);
    double spanMs = Math.max(1, endMs - Math.min(0, startMs));
    double originMs = Math.min(0, startMs);
    int row = calls.size() <= 100 ? 14 : calls.size() <= 400 ? 6 : 3;
    int gap = row > 6 ? 3 : 1;
    int height = AXIS_HEIGHT + lanes.size() * (LANE_HEADER + 4) + calls.size() * (row + gap) + 8;
    int width = LABEL_WIDTH + PLOT_WIDTH + 20;
    html.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n",
        width, height, width, height));
    axis(html, originMs, spanMs, height);
    int y = AXIS_HEIGHT;
    for (Map.Entry<String, List<Timeline.Call>> lane : lanes.entrySet()) {
      html.append(String.format(Locale.ROOT, "<text class=\"lane\" x=\"4\" y=\"%d\">%s (%d)</text>%n",
          y + 13, escape(lane.getKey()), lane.getValue().size()));
      html.append(String.format(Locale.ROOT, "<line class=\"lane-rule\" x1=\"0\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n",
          width, y, y));
      y += LANE_HEADER + 4;
      for (Timeline.Call call : lane.getValue()) {
        bar(html, call, x(call.startMs(), originMs, spanMs), x(call.endMs(), originMs, spanMs), y, row);
        y += row + gap;
      }
    }
    html.append("</svg>\n");
  }

  private static void bar(StringBuilder html, Timeline.Call call, double x1, double x2, int y, int row) {
    String tip = String.format(Locale.ROOT, "call %d: %s, %.1f ms (%.1f to %.1f ms), lane %s%s",
        call.index(), call.status(), call.durationMs(), call.startMs(), call.endMs(), call.lane(),
        call.detail() == null || call.detail().isEmpty() ? "" : ", " + call.detail());
    html.append(String.format(Locale.ROOT,
        "<rect class=\"bar %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" data-call=\"%d\"><title>%s</title></rect>%n",
        statusClass(call.status()), x1, y, Math.max(1.5, x2 - x1), row, call.index(), escape(tip)));
  }

  private static void axis(StringBuilder html, double originMs, double spanMs, int height) {
    double step = niceStep(spanMs / 8);
    for (double t = Math.ceil(originMs / step) * step; t <= originMs + spanMs + step / 1000; t += step) {
      double x = x(t, originMs, spanMs);
      html.append(String.format(Locale.ROOT,
          "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text class=\"tick-label\" x=\"%.1f\" y=\"16\">%s</text>%n",
          x, x, AXIS_HEIGHT - 6, height, x, tickLabel(t, step)));
    }
  }

  /**
   * Lanes in the order they first got work; within a lane, calls in the order they ended, so that
   * calls a thread served one after another draw a staircase.
   */
  private static Map<String, List<Timeline.Call>> lanes(List<Timeline.Call> calls) {
    Map<String, List<Timeline.Call>> lanes = new LinkedHashMap<>();
    calls.stream()
        .sorted(Comparator.comparingDouble(Timeline.Call::startMs).thenComparingInt(Timeline.Call::index))
        .forEach(call -> lanes.computeIfAbsent(laneName(call), k -> new ArrayList<>()).add(call));
    lanes.values().forEach(lane -> lane.sort(
        Comparator.comparingDouble(Timeline.Call::endMs).thenComparingInt(Timeline.Call::index)));
    return lanes;
  }

  private static String laneName(Timeline.Call call) {
    return call.lane() == null || call.lane().isBlank() ? "(no answer)" : call.lane();
  }

  private static double x(double ms, double originMs, double spanMs) {
    return LABEL_WIDTH + (ms - originMs) / spanMs * PLOT_WIDTH;
  }

  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-3))));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= rough) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String tickLabel(double ms, double step) {
    if (step >= 1000) {
      return String.format(Locale.ROOT, "%.0f s", ms / 1000).replace(".0 s", " s");
    }
    return step >= 1 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
  }

  static String statusClass(String status) {
    if (status != null && status.length() == 3 && Character.isDigit(status.charAt(0))) {
      return switch (status.charAt(0)) {
        case '2', '3' -> "s-ok";
        case '4' -> "s-client";
        default -> "s-server";
      };
    }
    return "s-failed";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String CSS = """
      body{font:14px system-ui,sans-serif;margin:16px;color:#222}
      h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:18px 0 6px}
      pre{background:#f5f5f5;padding:8px;margin:4px 0;white-space:pre-wrap}
      pre.server{background:#fff4e5}
      .legend .key{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
      .s-ok{fill:#2e7d32;background:#2e7d32}.s-client{fill:#f9a825;background:#f9a825}
      .s-server{fill:#c62828;background:#c62828}.s-failed{fill:#616161;background:#616161}
      rect.bar:hover,rect.bar.picked{stroke:#000;stroke-width:1.5}
      .lane{font:12px monospace;fill:#333}.lane-rule{stroke:#ccc}
      .tick{stroke:#eee}.tick-label{font:11px sans-serif;fill:#666;text-anchor:middle}
      #details{font:12px monospace;margin-top:8px;min-height:1.5em}
      """;

  private static final String SCRIPT = """
      (function () {
        var bars = document.querySelectorAll('rect.bar');
        var details = document.getElementById('details');
        bars.forEach(function (bar) {
          bar.addEventListener('mouseenter', function () {
            document.querySelectorAll('rect.bar.picked').forEach(function (b) { b.classList.remove('picked'); });
            bar.classList.add('picked');
            details.textContent = bar.querySelector('title').textContent;
          });
        });
        document.body.setAttribute('data-bars', String(bars.length));
      })();
      """;
}

package dev.looplab.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, and the OpenMetrics variant): one
 * sample per line, {@code name{label="value",...} number [timestamp]}; comments and blank lines are
 * skipped. A malformed line is an error naming its line number, so a test can tell a broken
 * exporter from an empty one. Test code only: the lab itself reads its figures from {@code /loops}, as JSON.
 */
public final class PrometheusText {
  private PrometheusText() {}

  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String key) {
      return labels.get(key);
    }
  }

  public static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        samples.add(parseLine(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not a Prometheus sample (" + e.getMessage() + "): " + line, e);
      }
    }
    return samples;
  }

  private static Sample parseLine(String line) {
    int pos = 0;
    while (pos < line.length() && isNameChar(line.charAt(pos), pos == 0)) {
      pos++;
    }
    if (pos == 0) {
      throw new IllegalArgumentException("no metric name");
    }
    String name = line.substring(0, pos);
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos = parseLabels(line, pos + 1, labels);
    }
    String[] rest = line.substring(pos).strip().split("\\s+");
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      throw new IllegalArgumentException("expected a value and an optional timestamp");
    }
    return new Sample(name, labels, parseValue(rest[0]));
  }

  /** Parses {@code key="value",...}} from pos (just after the brace); returns the position after the closing brace. */
  private static int parseLabels(String line, int pos, Map<String, String> labels) {
    while (true) {
      while (pos < line.length() && (line.charAt(pos) == ',' || line.charAt(pos) == ' ')) {
        pos++;
      }
      if (pos >= line.length()) {
        throw new IllegalArgumentException("unclosed label set");
      }
      if (line.charAt(pos) == '}') {
        return pos + 1;
      }
      int eq = line.indexOf('=', pos);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label without =\"value\"");
      }
      String key = line.substring(pos, eq).strip();
      StringBuilder value = new StringBuilder();
      pos = eq + 2;
      while (true) {
        if (pos >= line.length()) {
          throw new IllegalArgumentException("unclosed label value");
        }
        char c = line.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c == '\\' && pos < line.length()) {
          char escaped = line.charAt(pos++);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(key, value.toString());
    }
  }

  private static double parseValue(String raw) {
    return switch (raw) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(raw);
    };
  }

  private static boolean isNameChar(char c, boolean first) {
    return Character.isLetter(c) || c == '_' || c == ':' || (!first && Character.isDigit(c));
  }
}

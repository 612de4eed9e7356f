package dev.looplab.server;

/**
 * Client input made safe for a log line: control characters (ESC, backspace, DEL, NUL, CR, LF and
 * the C1 range) become visible escapes such as {@code \x1b}, so a crafted request cannot erase,
 * recolour or fake the lines around it in a terminal. A backslash is doubled, so an escape seen in
 * the log always means a control character was sent.
 */
public final class LogSafe {
  private LogSafe() {}

  /** The text with every control character escaped; "-" for null. */
  public static String of(CharSequence text) {
    if (text == null) {
      return "-";
    }
    if (!needsEscaping(text)) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Same as {@link #of(CharSequence)} for any object, through its toString. */
  public static String of(Object value) {
    return value == null ? "-" : of(value.toString());
  }

  private static boolean needsEscaping(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        return true;
      }
    }
    return false;
  }
}

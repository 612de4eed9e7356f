package dev.looplab.server;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the caller's when it is sensible, else 16 random hex digits. By hand: this runs on every request. */
final class RequestIds {
  private static final int MAX_LENGTH = 128;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  static String chooseFor(String offered) {
    return offered != null && sensible(offered) ? offered : newId();
  }

  /** 1 to 128 of {@code A-Z a-z 0-9 . _ : -}: safe in a log line and a header. */
  static boolean sensible(String id) {
    int length = id.length();
    if (length == 0 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  static String newId() {
    long bits = ThreadLocalRandom.current().nextLong();
    char[] digits = new char[16];
    for (int i = 15; i >= 0; i--) {
      digits[i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
    return new String(digits);
  }
}

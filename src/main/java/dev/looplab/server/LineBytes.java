package dev.looplab.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of the access lines one batch writes, built in place: printable ASCII, which is nearly
 * all of an access line, is copied char by char, with no {@code String} made on the way; anything
 * else falls back to the text's UTF-8 encoding. Used by one writer thread only, and reused.
 */
final class LineBytes {
  private byte[] bytes;
  private int length;

  LineBytes(int capacity) {
    bytes = new byte[capacity];
  }

  /** A fixed piece of the line, as UTF-8. */
  void write(byte[] piece) {
    room(piece.length);
    System.arraycopy(piece, 0, bytes, length, piece.length);
    length += piece.length;
  }

  void write(char ascii) {
    room(1);
    bytes[length++] = (byte) ascii;
  }

  /** The text as UTF-8. */
  void write(String text) {
    if (!writePrintableAscii(text)) {
      write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Client input: as {@link LogSafe#of(CharSequence)} writes it, escaped. */
  void writeSafe(String text) {
    if (text == null || !writePrintableAscii(text)) {
      write(LogSafe.of(text).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A number that is not negative, in decimal. */
  void write(long number) {
    if (number < 0) {
      write(Long.toString(number));
      return;
    }
    int digits = 1;
    for (long rest = number / 10; rest > 0; rest /= 10) {
      digits++;
    }
    room(digits);
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + number % 10);
      number /= 10;
    }
    length += digits;
  }

  /**
   * Copies the text if it is all printable ASCII and has no backslash (which {@link LogSafe} doubles),
   * else writes nothing and returns false.
   */
  private boolean writePrintableAscii(String text) {
    int size = text.length();
    room(size);
    for (int i = 0; i < size; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return false; // what was copied so far lies beyond length: the fallback writes over it
      }
      bytes[length + i] = (byte) c;
    }
    length += size;
    return true;
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  void reset() {
    length = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }
}

package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogSafeTest {
  @Test
  void controlCharactersBecomeVisibleEscapes() {
    assertEquals("/a\\x1b[2J\\x08\\x7f\\x00\\x0d\\x0a\\x09b", LogSafe.of("/a\u001b[2J\b\u007f\u0000\r\n\tb"));
  }

  @Test
  void c1AndBidiControlsAreEscapedToo() {
    assertEquals("x\\x9by\\u202ez", LogSafe.of("x\u009by\u202ez"));
  }

  @Test
  void aBackslashIsDoubledSoAnEscapeCannotBeFaked() {
    assertEquals("\\\\x1b", LogSafe.of("\\x1b"));
  }

  @Test
  void plainTextIsPassedAsItIs() {
    String plain = "/say-hi?ms=5 é";
    assertSame(plain, LogSafe.of(plain));
    assertEquals("-", LogSafe.of((CharSequence) null));
  }
}

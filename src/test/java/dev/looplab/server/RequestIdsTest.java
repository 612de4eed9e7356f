package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written id check and id maker agree with the regex and the format they replaced. */
class RequestIdsTest {
  private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Test
  void acceptsExactlyWhatTheRegexAccepted() {
    List<String> samples = List.of("", "a", "req-A", "a.b_c:d-e", "x".repeat(128), "x".repeat(129), "with space",
        "semi;colon", "new\nline", "ünï", "tab\t", "/slash", "quote\"", "%41");
    for (String sample : samples) {
      assertEquals(SENSIBLE.matcher(sample).matches(), RequestIds.sensible(sample), sample);
    }
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      char[] chars = new char[1 + random.nextInt(6)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) (32 + random.nextInt(96));
      }
      String sample = new String(chars);
      assertEquals(SENSIBLE.matcher(sample).matches(), RequestIds.sensible(sample), sample);
    }
  }

  @Test
  void aCallersSensibleIdIsKeptAnythingElseReplaced() {
    assertEquals("req-A", RequestIds.chooseFor("req-A"));
    assertNotEquals("bad id", RequestIds.chooseFor("bad id"));
    assertTrue(RequestIds.chooseFor(null).matches("[0-9a-f]{16}"));
  }

  @Test
  void newIdsAreSixteenHexDigitsLikeTheFormatTheyReplaced() {
    for (int i = 0; i < 1_000; i++) {
      String id = RequestIds.newId();
      assertTrue(id.matches("[0-9a-f]{16}"), id);
      assertEquals(String.format("%016x", Long.parseUnsignedLong(id, 16)), id);
    }
  }
}

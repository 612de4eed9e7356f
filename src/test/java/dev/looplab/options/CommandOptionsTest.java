package dev.looplab.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandOptionsTest {

  private static CommandOptions options(Map<String, String> outside) {
    return new CommandOptions(outside::get, longName -> "outside")
        .value("p", "port", "<port>", "8080", "Port (default " + CommandOptions.DEFAULT + ").")
        .value(null, "name", "<name>", null, "A name.")
        .flag(null, "loud", "Say it loud.");
  }

  private static OptionValues parse(String... args) throws ParseException {
    return options(Map.of()).parse(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--port 9", "--port=9", "-p 9", "-p9", "-p=9"})
  void everySpellingOfAValueIsRead(String args) throws ParseException {
    assertEquals(9, parse(args.split(" ")).intIn("port", 0, 65_535));
  }

  @Test
  void theCommandLineBeatsTheOutsideDefaultWhichBeatsTheOptionsOwn() throws ParseException {
    assertEquals("8080", parse().text("port"));
    assertEquals("7000", options(Map.of("port", "7000")).parse().text("port"));
    assertEquals("9", options(Map.of("port", "7000")).parse("--port", "9").text("port"));
  }

  @Test
  void theHelpNamesTheDefaultInForce() {
    assertEquals("Port (default 8080).", options(Map.of()).options().getOption("port").getDescription());
    assertEquals("Port (default 7000).", options(Map.of("port", "7000")).options().getOption("port").getDescription());
  }

  @Test
  void anOptionWithoutValueOrDefaultIsNull() throws ParseException {
    assertNull(parse().text("name"));
    assertNull(parse().optionalInt("name"));
    assertFalse(parse().flag("loud"));
    assertTrue(parse("--loud").flag("loud"));
  }

  @Test
  void aValueThatIsNoNumberOrOutOfRangeSaysWhichOptionAndWhy() {
    assertEquals("Invalid value for option '--port': 'abc' is not an int",
        assertThrows(ParseException.class, () -> parse("--port", "abc").intIn("port", 0, 65_535)).getMessage());
    assertEquals("Invalid value for option '--port': '1.5' is not a long",
        assertThrows(ParseException.class, () -> parse("--port=1.5").longIn("port", 0, 65_535)).getMessage());
    assertEquals("Invalid value for option '--port': 70000 is not in 0..65535",
        assertThrows(ParseException.class, () -> parse("--port=70000").intIn("port", 0, 65_535)).getMessage());
    assertEquals(-3, assertDoesNotThrow(() -> parse("--port", "-3").intIn("port", -5, 0)), "a negative number is a value");
  }

  @Test
  void anOptionalNumberBelowItsMinimumSaysSoAndNoneStaysNone() throws ParseException {
    assertEquals("Invalid value for option '--name': 0 must be at least 1",
        assertThrows(ParseException.class, () -> parse("--name", "0").optionalIntAtLeast("name", 1)).getMessage());
    assertEquals(1, parse("--name", "1").optionalIntAtLeast("name", 1));
    assertNull(parse().optionalIntAtLeast("name", 1));
  }

  @Test
  void aReaderFailureBecomesAUsageErrorWithItsMessage() {
    ParseException refused = assertThrows(ParseException.class, () -> parse("--name", "x").parsed("name", value -> {
      throw new IllegalArgumentException("'" + value + "' is too short");
    }));
    assertEquals("Invalid value for option '--name': 'x' is too short", refused.getMessage());
  }

  @Test
  void anOptionGivenTwiceIsRefusedRatherThanOneOfItsValuesPicked() {
    assertEquals("option '--port' (<port>) should be specified only once",
        assertThrows(ParseException.class, () -> parse("--port", "1", "-p", "2")).getMessage());
    assertEquals("option '--loud' should be specified only once",
        assertThrows(ParseException.class, () -> parse("--loud", "--loud")).getMessage());
  }

  @Test
  void aMissingValueIsRefusedByTheParser() {
    assertThrows(MissingArgumentException.class, () -> parse("--port"));
  }

  @Test
  void longNamesMustBeWrittenInFullAndParsingStopsAtTheFirstNonOption() throws ParseException {
    assertEquals(List.of("--po", "9"), parse("--po", "9").leftovers());
    assertEquals(List.of("extra", "--loud"), parse("--port", "1", "extra", "--loud").leftovers());
    assertEquals(List.of(), parse("--port", "1", "--loud").leftovers());
  }
}

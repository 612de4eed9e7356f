package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionsOptionsTest {

  @Test
  void aPostgresUrlGivesEveryPartAndKeepsThePasswordOutOfItsText() {
    DatabaseUrl url = DatabaseUrl.postgres("postgresql://ann:s%40cret@db.local:5433/lab");
    assertEquals("db.local", url.host());
    assertEquals(5433, url.port());
    assertEquals("ann", url.user());
    assertEquals("s@cret", url.password());
    assertEquals("lab", url.database());
    assertEquals("postgresql://ann@db.local:5433/lab", url.toString());
    assertEquals("jdbc:postgresql://db.local:5433/lab", url.jdbcUrl());
  }

  @Test
  void aRedisUrlWithoutAPortGetsTheDefaultOne() {
    assertEquals(6379, DatabaseUrl.redis("redis://cache").port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://u@h:1/db", "postgresql://h:1/db", "postgresql://u@h:1", "postgresql://u@:1/db", "not a url"})
  void aMalformedPostgresUrlSaysWhichFormIsExpected(String raw) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.postgres(raw));
    assertTrue(refused.getMessage().contains(DatabaseUrl.POSTGRES_FORM), refused.getMessage());
  }

  @Test
  void aBadUrlOnTheCommandLineIsAOneLineUsageErrorWithExitCode2() {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true));
      code = Main.execute("server", "--port", "0", "--redis-url", "http://cache:6379", "--postgres-url", "postgresql://u@h:1/db");
    } finally {
      System.setErr(oldErr);
    }
    assertEquals(2, code);
    String text = err.toString().strip();
    assertTrue(text.contains("--redis-url") && text.contains("redis://host:port"), text);
    assertEquals(1, text.lines().filter(line -> !line.isBlank()).count(), text);
  }

  @Test
  void aPoolOfNoConnectionsIsAUsageError() {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true));
      assertEquals(2, Main.execute("server", "--port", "0", "--db-pool-size", "0"));
    } finally {
      System.setErr(oldErr);
    }
    assertTrue(err.toString().contains("--db-pool-size"), err.toString());
  }
}

package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** The Host rule of RFC 9112 §3.2, read from the headers in one walk: exactly one, not blank, any case. */
class RequestHygieneHostTest {

  @Test
  void oneHostInAnyCaseAmongOtherHeadersPasses() {
    assertNull(RequestHygiene.hostProblem(headers("Accept", "*/*", "hOST", "127.0.0.1:8080", "Hosts", "x", "X-Host", "y")));
  }

  @Test
  void noneOrABlankOneIsRequired() {
    assertEquals("a Host header is required", RequestHygiene.hostProblem(headers("Accept", "*/*", "Hos", "x")));
    assertEquals("a Host header is required", RequestHygiene.hostProblem(headers("Host", "  ")));
  }

  @Test
  void repeatsAreCountedWhateverTheirCase() {
    assertEquals("the Host header was given 3 times; send it once",
        RequestHygiene.hostProblem(headers("Host", "a", "host", "b", "HOST", "c")));
  }

  private static MultiMap headers(String... namesAndValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }
}

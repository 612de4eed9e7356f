package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.observe.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsNamesLabelsValuesAndSkipsComments() {
    List<Sample> samples = PrometheusText.parse("""
        # HELP looplab_blocked_episodes_total Event loops found blocked
        # TYPE looplab_blocked_episodes_total counter
        looplab_blocked_episodes_total{gc="false",route="/slow-run"} 3.0
        process_uptime_seconds 12.5 1700000000000

        weird{path="a \\"quoted\\" \\\\ back\\nslash",le="+Inf"} +Inf
        """);
    assertEquals(3, samples.size());
    assertEquals(new Sample("looplab_blocked_episodes_total", Map.of("gc", "false", "route", "/slow-run"), 3.0), samples.get(0));
    assertEquals(12.5, samples.get(1).value());
    assertTrue(samples.get(1).labels().isEmpty());
    assertEquals("a \"quoted\" \\ back\nslash", samples.get(2).label("path"));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(2).value());
  }

  @Test
  void aBrokenLineIsAnErrorThatNamesIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrometheusText.parse("ok 1\nbroken{route=\"/x\" 2\n"));
    assertTrue(e.getMessage().startsWith("line 2 "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("no_value\n"));
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("{a=\"b\"} 1\n"));
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x not-a-number\n"));
  }
}

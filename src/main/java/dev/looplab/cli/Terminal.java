package dev.looplab.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is watching: the progress line is drawn only on a terminal. */
public final class Terminal {
  private Terminal() {}

  public static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a console even when redirected; isTerminal() then tells the truth
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true;
    }
  }
}

package dev.looplab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@code dev.looplab.Main} in a JVM of its own, on this test run's class path. */
public final class MainCommand {
  private MainCommand() {
  }

  /** {@code java <jvmOptions> -cp <class path> dev.looplab.Main <args>}. */
  public static List<String> of(List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return command;
  }
}

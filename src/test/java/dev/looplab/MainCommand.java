package dev.looplab;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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

  /**
   * The same without the test classes on the class path: the JVM then sees the jar's own resources
   * only, so it logs as a user's server does (not through the tests' logback-test.xml).
   */
  public static List<String> withoutTestClasses(List<String> jvmOptions, List<String> args) {
    List<String> command = of(jvmOptions, args);
    int classPath = command.indexOf("-cp") + 1;
    command.set(classPath, Arrays.stream(command.get(classPath).split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator)));
    return command;
  }
}

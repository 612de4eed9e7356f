package dev.looplab;

import dev.looplab.cli.CommandRunner;
import dev.looplab.cli.ExperimentCommand;
import dev.looplab.cli.LabCommand;
import dev.looplab.cli.ServerCommand;
import dev.looplab.cli.SuiteCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code java -jar looplab.jar [server|experiment|suite] [options]}; with no command, the server. */
public final class Main {
  private static final String NETTY_JFR = "io.netty.jfr.enabled";
  private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");
  private static final String DESCRIPTION = "A Vert.x lab that makes event-loop blocking visible and measurable. "
      + "With no command, or only server options, looplab runs the server.";

  private Main() {}

  public static void main(String[] args) {
    // Netty 4.2 registers JFR events for its buffers on the first request: ~140 ms of a one-core
    // start that no lesson uses; -Dio.netty.jfr.enabled=true brings them back
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
    String[] command = withDefaultCommand(args);
    if (!command[0].equals("server")) {
      // before the first logger exists: a client's stdout is for its results only
      System.setProperty("LOOPLAB_LOG_TARGET", "System.err");
    }
    System.exit(execute(command));
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  static int execute(PrintWriter out, PrintWriter err, String... args) {
    String[] command = withDefaultCommand(args);
    if (TOP_LEVEL_FLAGS.contains(command[0])) {
      return CommandRunner.runLooplab(command[0], DESCRIPTION, allCommands(), out);
    }
    // only the command that runs is built: a start does not pay for the others' options
    LabCommand chosen = switch (command[0]) {
      case "server" -> new ServerCommand();
      case "experiment" -> new ExperimentCommand();
      case "suite" -> new SuiteCommand();
      default -> null;
    };
    if (chosen == null) {
      return CommandRunner.usageError(err, "Unmatched argument at index 0: '" + command[0] + "'", "looplab");
    }
    return CommandRunner.run(chosen, Arrays.copyOfRange(command, 1, command.length), 1, out, err);
  }

  private static List<LabCommand> allCommands() {
    return List.of(new ServerCommand(), new ExperimentCommand(), new SuiteCommand());
  }

  private static String[] withDefaultCommand(String[] args) {
    if (args.length > 0 && (TOP_LEVEL_FLAGS.contains(args[0]) || !args[0].startsWith("-"))) {
      return args;
    }
    String[] withServer = new String[args.length + 1];
    withServer[0] = "server";
    System.arraycopy(args, 0, withServer, 1, args.length);
    return withServer;
  }
}

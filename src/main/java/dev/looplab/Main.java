package dev.looplab;

import dev.looplab.cli.ExperimentCommand;
import dev.looplab.cli.ServerCommand;
import dev.looplab.cli.SuiteCommand;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code java -jar looplab.jar [server|experiment|suite] [options]}; with no command, the server. */
@Command(name = "looplab", mixinStandardHelpOptions = true, version = "looplab 0.1.0",
    description = "A Vert.x lab that makes event-loop blocking visible and measurable.")
public final class Main implements Runnable {
  static final int USAGE_ERROR = 2;
  private static final String NETTY_JFR = "io.netty.jfr.enabled";
  private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");
  private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
      "server", ServerCommand::new, "experiment", ExperimentCommand::new, "suite", SuiteCommand::new);
  private static final String[] COMMAND_ORDER = {"server", "experiment", "suite"};

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
    CommandLine cli = new CommandLine(new Main());
    // picocli reads every option of every command it is given: a start only pays for the one it runs
    for (String name : COMMANDS.containsKey(command[0]) ? new String[] {command[0]} : COMMAND_ORDER) {
      cli.addSubcommand(name, COMMANDS.get(name).get());
    }
    cli.setOut(out).setErr(err);
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      commandLine.getErr().println("looplab: " + e.getMessage());
      return 1;
    });
    return cli.execute(command);
  }

  @Override
  public void run() {
    // only reached through withDefaultCommand's choice, which always names a subcommand
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

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("looplab: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
    return USAGE_ERROR;
  }
}

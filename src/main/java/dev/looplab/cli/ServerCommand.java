package dev.looplab.cli;

import dev.looplab.lessons.decisions.DecisionsFlags;
import dev.looplab.lessons.decisions.DecisionsSettings;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import dev.looplab.server.ShutdownSignals;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code looplab server}: runs the lab server until SIGTERM or Ctrl-C, then drains and exits 0. */
public final class ServerCommand implements LabCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);
  private static final long SHUTDOWN_MARGIN_MS = 10_000;
  /** For the exit's own hooks (logback writes what is still queued, up to 1 s). */
  private static final long EXIT_HOOKS_MS = 2_000;

  private final Function<String, String> environment;

  /** Options default to the process's environment variables. */
  public ServerCommand() {
    this(System::getenv);
  }

  /** Options default to the given environment: variable name to value, null when unset. */
  public ServerCommand(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "server";
  }

  @Override
  public String description() {
    return "Runs the lab server. Every option can also be set by the environment variable shown.";
  }

  @Override
  public CommandOptions options() {
    return ServerOptions.define(environment);
  }

  @Override
  public int run(OptionValues values, PrintWriter out, PrintWriter err) throws ParseException, InterruptedException {
    ServerConfig config = ServerOptions.config(values);
    DecisionsSettings decisions = DecisionsFlags.settings(values);
    LabServer server = new LabServer(config, Lessons.all(decisions));
    try {
      server.start().await();
    } catch (RuntimeException e) {
      err.println("looplab: cannot start the server on " + config.host() + ":" + config.port() + ": " + e.getMessage());
      server.vertx().close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    ShutdownSignals.onTermination(signal -> {
      // the drain first, the line last: whatever the log does, the drain must have begun
      stopped.countDown();
      server.shutdown().onComplete(done -> finished.countDown());
      LOG.info("received SIG{}", signal);
    });
    stopped.await();
    // the drain itself ends within 2 x grace; a shutdown that never reports (an Error thrown inside
    // a callback, a log line that cannot be written) must not leave the process running for ever
    long boundMs = 2 * config.shutdownGraceMs() + SHUTDOWN_MARGIN_MS;
    ExitDeadline.arm(boundMs + EXIT_HOOKS_MS);
    if (!finished.await(boundMs, TimeUnit.MILLISECONDS)) {
      LOG.error("shutdown did not finish within {} ms; exiting anyway", boundMs);
      return 1;
    }
    return 0;
  }
}

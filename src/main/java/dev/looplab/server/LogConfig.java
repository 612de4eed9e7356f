package dev.looplab.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.looplab.observe.RepeatedGaugeWarningFilter;

/**
 * The lab's logging, set up in code: logback's XML configurator (Joran) takes about 250 ms of a
 * one-core start, more than a third of a bare Vert.x server's whole cold start. Found by logback's
 * service loader (META-INF/services), it yields to XML when there is some to read: a
 * {@code -Dlogback.configurationFile=...} of the user's, or the tests' {@code logback-test.xml}.
 *
 * <ul>
 *   <li>the server logs to stdout; the client commands to stderr ({@code LOOPLAB_LOG_TARGET}, which
 *       Main sets), so that their stdout carries only the table, CSV or JSON;</li>
 *   <li>no thread waits for the console: lines go through {@link ConsoleLines}, which a stuck
 *       terminal blocks instead of the event loop that logged; a full queue drops (counted);</li>
 *   <li>access lines go through {@link AsyncAccessAppender}: they leave the event loop at once, and
 *       are dropped (and counted in /metrics) when its queue is full; {@link LogLineEncoder}
 *       writes them as the other lines look, without logback's pattern layout;</li>
 *   <li>a blocked loop's stack is cut to 12 frames: the top ones name the line that blocks, the rest
 *       is Netty's plumbing;</li>
 *   <li>at exit the appenders stop, so the access log writes what is still queued (up to 1 s).</li>
 * </ul>
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfig extends ContextAwareBase implements Configurator {
  static final String TARGET_VARIABLE = "LOOPLAB_LOG_TARGET";
  static final String LEVEL_VARIABLE = "LOOPLAB_LOG_LEVEL";
  /** The lines' layouts, as logback patterns; {@link LogLineEncoder} writes them by hand. */
  static final String LINE = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} rid=%rid - %msg%n";
  static final String BLOCKED_LINE = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n%ex{12}";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogConfig.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String target = setting(TARGET_VARIABLE, "System.out");

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(setting(LEVEL_VARIABLE, "INFO"), Level.INFO));
    ConsoleLines console = new ConsoleLines(target);
    Appender<ILoggingEvent> stdout = console("STDOUT", console, new LogLineEncoder(), context);
    stdout.addFilter(started(new RepeatedGaugeWarningFilter(), context));
    root.addAppender(stdout);
    context.getLogger("io.netty").setLevel(Level.INFO);

    Logger access = context.getLogger(AccessLog.LOGGER_NAME);
    access.setAdditive(false);
    access.addAppender(accessAppender(target, context));

    Logger blocked = context.getLogger("io.vertx.core.impl.BlockedThreadChecker");
    blocked.setLevel(Level.WARN);
    blocked.setAdditive(false);
    blocked.addAppender(console("BLOCKED", console, LogLineEncoder.blocked(), context));

    addShutdownHook(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** A system property (as Main sets it) wins over the environment variable of the same name. */
  private static String setting(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isBlank() ? fallback : value;
  }

  /** A console appender whose writes never wait for the console ({@link ConsoleLines}). */
  private static Appender<ILoggingEvent> console(String name, ConsoleLines console, LogLineEncoder encoder,
      LoggerContext context) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setName(name);
    appender.setContext(context);
    appender.setEncoder(started(encoder, context));
    appender.setOutputStream(console);
    appender.start();
    return appender;
  }

  private static Appender<ILoggingEvent> accessAppender(String target, LoggerContext context) {
    AsyncAccessAppender appender = new AsyncAccessAppender();
    appender.setName("ACCESS");
    appender.setTarget(target);
    appender.setQueueSize(8192);
    appender.setEncoder(started(new LogLineEncoder(), context));
    appender.setIncludeMdc(false); // LINE prints none
    started(appender, context);
    appender.takeAccessLines(); // no logback event per request
    return appender;
  }

  private static <T extends ch.qos.logback.core.spi.LifeCycle & ch.qos.logback.core.spi.ContextAware> T started(
      T part, LoggerContext context) {
    part.setContext(context);
    part.start();
    return part;
  }

  /** As {@code <shutdownHook/>} does: stop the appenders at exit. */
  private static void addShutdownHook(LoggerContext context) {
    DefaultShutdownHook hook = new DefaultShutdownHook();
    hook.setContext(context);
    Thread thread = new Thread(hook, "Logback shutdown hook [" + context.getName() + "]");
    context.putObject(CoreConstants.SHUTDOWN_HOOK_THREAD, thread);
    Runtime.getRuntime().addShutdownHook(thread);
  }
}

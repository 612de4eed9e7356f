package dev.looplab.lessons.decisions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code client=reactive}: Vert.x's PostgreSQL pool and Redis client. The loop only sends and is
 * called back. A call that holds a connection while it waits still holds it: with more calls than
 * connections, the rest queue for one, whichever client style asks.
 */
final class ReactiveStore implements DecisionStore {
  /** The gates queue the calls; the pools' own queues stay empty, so this only bounds a hung pool. */
  private static final int QUEUE_LIMIT_MS = 60_000;
  private final DecisionsSettings settings;
  private final Pool postgres;
  private final Redis redis;
  private final ConnectionGate postgresGate;
  private final ConnectionGate redisGate;

  ReactiveStore(Vertx vertx, DecisionsSettings settings) {
    this.settings = settings;
    this.postgresGate = new ConnectionGate(settings.reactivePoolSize());
    this.redisGate = new ConnectionGate(settings.reactivePoolSize());
    DatabaseUrl pg = settings.postgres();
    // neither client times out a server that accepts the connection and never answers its handshake: the
    // idle timeout is the safety net, past the longest wait a request may ask for
    NetClientOptions net = new NetClientOptions().setConnectTimeout(settings.timeoutMs())
        .setIdleTimeout(DecisionRoute.MAX_MS + settings.timeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    this.postgres = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(settings.reactivePoolSize()).setName("looplab-decisions-pg")
            .setConnectionTimeout(QUEUE_LIMIT_MS).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(net)
        .connectingTo(new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setUser(pg.user())
            .setPassword(pg.password()).setDatabase(pg.database()))
        .using(vertx)
        .build();
    this.redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString("redis://" + settings.redis().host() + ":" + settings.redis().port())
        .setMaxPoolSize(settings.reactivePoolSize())
        .setMaxPoolWaiting(10_000)
        .setMaxWaitingHandlers(10_000)
        .setNetClientOptions(net));
  }

  /** Creates the table if it is missing; the lesson calls it before its first request. */
  Future<Void> createTable() {
    return postgresGate.run(() -> postgres.query(DecisionRow.CREATE_TABLE).execute()
            .timeout(settings.timeoutMs(), TimeUnit.MILLISECONDS))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(new DatabaseDownException(failure)));
  }

  @Override
  public Future<String> readCache(String key, int ioMs) {
    // the wait and the read on one connection: the read must not queue again behind other waits
    return redisGate.run(() -> redis.connect()
            .compose(connection -> waitInRedis(connection, ioMs)
                .compose(waited -> connection.send(Request.cmd(Command.GET).arg(key)))
                .eventually(connection::close))
            .timeout(ioMs + settings.timeoutMs(), TimeUnit.MILLISECONDS))
        .map(response -> response == null ? null : response.toString())
        .recover(failure -> Future.failedFuture(new DatabaseDownException(failure)));
  }

  private static Future<Response> waitInRedis(RedisConnection connection, int ioMs) {
    return ioMs == 0 ? Future.succeededFuture()
        : connection.send(Request.cmd(Command.BLPOP).arg(DecisionStore.NEVER_FILLED).arg(BlockingCalls.seconds(ioMs)));
  }

  @Override
  public <T> Future<T> compute(Callable<T> work) {
    try {
      return Future.succeededFuture(work.call()); // CPU work has no reactive form: it runs on the loop
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> writeCache(String key, String decisionJson) {
    return redis(Request.cmd(Command.SET).arg(key).arg(decisionJson)).mapEmpty();
  }

  @Override
  public Future<Void> insertRow(DecisionRow row, int waitMs) {
    Tuple values = Tuple.of(row.requestId(), row.client(), row.features(), row.decision(), row.score(), row.cache())
        .addDouble(waitMs / 1000.0);
    return postgresGate.run(() -> postgres.withConnection(connection -> connection.preparedQuery(DecisionRow.INSERT_REACTIVE)
                .execute(values))
            .timeout(waitMs + settings.timeoutMs(), TimeUnit.MILLISECONDS))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(new DatabaseDownException(failure)));
  }

  /** One command on a pooled connection; its timeout starts when it passes the gate, so queueing is not a failure. */
  private Future<Response> redis(Request command) {
    return redisGate.run(() -> redis.connect()
            .compose(connection -> connection.send(command).eventually(connection::close))
            .timeout(settings.timeoutMs(), TimeUnit.MILLISECONDS))
        .recover(failure -> Future.failedFuture(new DatabaseDownException(failure)));
  }

  @Override
  public Future<Void> close() {
    redis.close();
    return postgres.close();
  }
}

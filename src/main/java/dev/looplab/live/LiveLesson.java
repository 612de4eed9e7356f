package dev.looplab.live;

import dev.looplab.server.ErrorReplies;
import dev.looplab.server.Lesson;
import dev.looplab.server.LessonContext;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URI;

/**
 * The live page: {@code GET /} (or {@code /lab}) shows the event loops, the worker pool and the
 * blocked episodes as they happen, and runs the lesson's experiments against this very server.
 * The page, its script and its style are served from the jar ({@code webroot/live}); the data
 * comes as server-sent events from {@code /live/stream}.
 */
public final class LiveLesson implements Lesson {
  private static final String PAGE = "webroot/live/index.html";

  private SnapshotStream stream;
  private LiveExperiments experiments;

  @Override
  public String name() {
    return "live";
  }

  @Override
  public Future<Void> start(LessonContext context) {
    EpisodeFeed episodes = new EpisodeFeed();
    context.observatory().onBlockedEpisode(episodes::add);
    experiments = new LiveExperiments();
    stream = new SnapshotStream(context.observatory(), episodes, experiments);
    return context.vertx().deployVerticle(new LiveVerticle(stream, experiments)).mapEmpty();
  }

  @Override
  public void mount(Router router, LessonContext context) {
    router.get("/").handler(this::page);
    router.get("/lab").handler(this::page);
    router.get("/live/stream").handler(this::openStream);
    router.post("/live/experiments").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::startExperiment);
    router.get("/live/experiments").handler(this::latestExperiment);
    router.get("/live/assets/*").handler(StaticHandler.create("webroot/live").setCachingEnabled(true).setMaxAgeSeconds(60));
  }

  private void page(RoutingContext rc) {
    rc.response().putHeader("content-type", "text/html; charset=utf-8").sendFile(PAGE);
  }

  private void openStream(RoutingContext rc) {
    stream.join(StreamSubscriber.open(rc, stream::leave));
  }

  private void startExperiment(RoutingContext rc) {
    ExperimentRequest request;
    try {
      JsonObject form = rc.body().asJsonObject();
      if (form == null) {
        throw new DecodeException("no body");
      }
      request = ExperimentRequest.parse(form);
    } catch (DecodeException | ClassCastException notAnObject) {
      ErrorReplies.send(rc, 400, "bad_parameter", "send a JSON object such as {\"route\":\"slow-run\",\"calls\":4,\"mode\":\"async\",\"task_ms\":300}");
      return;
    } catch (IllegalArgumentException e) {
      ErrorReplies.send(rc, 400, "bad_parameter", e.getMessage());
      return;
    }
    LiveRun run = experiments.start(request, selfUrl(rc.request().localAddress()));
    if (run == null) {
      ErrorReplies.send(rc, 409, "experiment_running", "an experiment is running; wait for it to end, then start the next one");
      return;
    }
    rc.response().setStatusCode(202);
    rc.json(request.toJson().put("id", run.id()));
  }

  /** The run going on or the last one, as the page draws it. */
  private void latestExperiment(RoutingContext rc) {
    LiveRun run = experiments.latest();
    rc.json(new JsonObject().put("running", experiments.running()).put("latest", run == null ? null : run.toJson()));
  }

  /** The address the page reached this server on: the experiment calls the same server. */
  private static URI selfUrl(SocketAddress local) {
    String host = local.hostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + local.port());
  }

  /** Pages with their stream open now. */
  int pagesOpen() {
    return stream == null ? 0 : stream.pages();
  }

  boolean experimentRunning() {
    return experiments != null && experiments.running();
  }

  /** Under "live" in {@code /info}: where the page is, how many are open, whether an experiment runs. */
  @Override
  public JsonObject info() {
    return new JsonObject().put("live", new JsonObject()
        .put("page", "/")
        .put("pages_open", pagesOpen())
        .put("snapshots_per_second", 1000 / SnapshotStream.TICK_MS)
        .put("experiment_running", experimentRunning()));
  }

}

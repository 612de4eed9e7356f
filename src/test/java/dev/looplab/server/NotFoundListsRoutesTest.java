package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.cli.Lessons;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The 404 names the routes the server really has, a lesson's included, and nothing it lacks. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotFoundListsRoutesTest {
  /** A lesson the server core cannot know by hand. */
  private static final Lesson MADE_UP = new Lesson() {
    @Override
    public String name() {
      return "made-up";
    }

    @Override
    public void mount(Router router, LessonContext context) {
      router.get("/made-up-route").handler(rc -> rc.json(new JsonObject().put("made_up", true)));
    }
  };

  private LabServer server;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() {
    ServerConfig config = ServerConfig.defaults().withPort(0).withTaskMs(10);
    List<Lesson> lessons = new ArrayList<>(Lessons.all());
    lessons.add(MADE_UP);
    server = new LabServer(config, lessons, Vertx.vertx(LabServer.vertxOptions(config)));
    port = server.start().await();
    client = WebClient.create(server.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() {
    server.vertx().close().await();
  }

  private List<String> pathsNamedBy404() {
    JsonObject body = client.get("/no-such-route").send().await().bodyAsJsonObject();
    assertEquals("not_found", body.getString("error"));
    String list = body.getString("detail").replaceFirst("^.*; try ", "");
    return Arrays.stream(list.split(", | or ")).toList();
  }

  @Test
  void listsTheLessonsRoutesBesideTheServersOwn() {
    List<String> paths = pathsNamedBy404();
    for (String expected : List.of("/say-hi", "/info", "/metrics", "/background-run", "/cpu-run", "/virtual-run",
        "/jobs", "/made-up-route")) {
      assertTrue(paths.contains(expected), expected + " missing from " + paths);
    }
  }

  @Test
  void everyPathItNamesIsARoute() {
    HttpClient http = server.vertx().createHttpClient();
    for (String named : pathsNamedBy404()) {
      String[] methodAndPath = named.contains(" ") ? named.split(" ") : new String[] {"GET", named};
      String path = methodAndPath[1];
      assertTrue(path.startsWith("/"), named);
      // the status line only: some routes stream (server-sent events) and never end their body
      int status = http.request(HttpMethod.valueOf(methodAndPath[0].split("\\|")[0]), port, "127.0.0.1", path)
          .compose(request -> request.send().map(response -> {
            request.reset();
            return response.statusCode();
          }))
          .await();
      assertNotEquals(404, status, named + " is named by the 404 but answers 404");
    }
  }
}

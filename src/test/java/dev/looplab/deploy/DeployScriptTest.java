package dev.looplab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy-cloud-run.sh, run for real with stand-ins for gcloud and docker on the PATH that
 * only record their arguments: the dry run must print exactly what a real run executes, and run nothing.
 */
class DeployScriptTest {
  private static final String IMAGE = "europe-west1-docker.pkg.dev/test-project/looplab/looplab:test-tag";

  @TempDir Path bin;
  private Path calls;

  @BeforeEach
  void fakeTools() throws IOException {
    calls = bin.resolve("calls.txt");
    for (String tool : List.of("gcloud", "docker")) {
      // each call appends one line: the tool and its arguments, as the dry run prints them
      Path fake = bin.resolve(tool);
      Files.writeString(fake, "#!/usr/bin/env bash\n"
          + "line=$(printf '%q ' \"$(basename \"$0\")\" \"$@\"); echo \"${line% }\" >> '" + calls + "'\n"
          + "[ \"$1 $2 $3\" = 'artifacts repositories describe' ] && exit 1\nexit 0\n");
      Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void dryRunPrintsTheLessonsSettingsAndRunsNothing() throws Exception {
    Result dry = run(Map.of(), "--dry-run");
    assertEquals(0, dry.exit, dry.err);
    List<String> commands = commands(dry.out);
    assertEquals(List.of(
        "gcloud artifacts repositories create looplab --project=test-project --location=europe-west1 --repository-format=docker",
        "gcloud auth configure-docker europe-west1-docker.pkg.dev --quiet",
        "docker build --platform=linux/amd64 -t " + IMAGE + " .",
        "docker push " + IMAGE,
        "gcloud run deploy looplab --project=test-project --region=europe-west1 --image=" + IMAGE
            + " --port=8080 --concurrency=5 --min-instances=0 --max-instances=3 --cpu=1 --memory=512Mi"
            + " --set-env-vars=LOOPLAB_TASK_MS=2000 --cpu-boost --allow-unauthenticated",
        "gcloud run services describe looplab --project=test-project --region=europe-west1 --format=value\\(status.url\\)"),
        commands);
    assertFalse(Files.exists(calls), "a dry run must not call gcloud or docker");
  }

  @Test
  void aRealRunExecutesWhatTheDryRunPrinted() throws Exception {
    Result dry = run(Map.of(), "--dry-run");
    Result real = run(Map.of());
    assertEquals(0, real.exit, real.err);
    List<String> executed = Files.readAllLines(calls);
    assertEquals("gcloud artifacts repositories describe looplab --project=test-project --location=europe-west1", executed.get(0));
    assertEquals(commands(dry.out), executed.subList(1, executed.size()));
  }

  @Test
  void everySettingCanBeOverridden() throws Exception {
    Result dry = run(Map.of("REGION", "us-central1", "SERVICE", "lab", "CONCURRENCY", "2", "MIN_INSTANCES", "1",
        "MAX_INSTANCES", "4", "PORT", "9090", "ALLOW_UNAUTHENTICATED", "0", "CPU_BOOST", "0", "DOCKER", "podman"), "--dry-run");
    assertEquals(0, dry.exit, dry.err);
    String deploy = commands(dry.out).stream().filter(c -> c.startsWith("gcloud run deploy")).findFirst().orElseThrow();
    for (String expected : List.of("gcloud run deploy lab ", "--region=us-central1", "--port=9090", "--concurrency=2",
        "--min-instances=1", "--max-instances=4", "--no-cpu-boost", "--no-allow-unauthenticated",
        "--image=us-central1-docker.pkg.dev/test-project/looplab/lab:test-tag")) {
      assertTrue(deploy.contains(expected), expected + " missing from: " + deploy);
    }
    assertTrue(dry.out.contains("podman push us-central1-docker.pkg.dev/test-project/looplab/lab:test-tag"), dry.out);
  }

  @Test
  void badSettingsAreOneLineUsageErrors() throws Exception {
    for (Map<String, String> bad : List.of(Map.of("CONCURRENCY", "0"), Map.of("MAX_INSTANCES", "two"),
        Map.of("MIN_INSTANCES", "4", "MAX_INSTANCES", "3"), Map.of("SERVICE", "Not_Valid"))) {
      Result result = run(bad, "--dry-run");
      assertEquals(2, result.exit, bad + ": " + result.out);
      assertEquals(1, result.err.strip().lines().count(), result.err);
      assertTrue(result.err.startsWith("deploy-cloud-run: "), result.err);
      assertEquals("", result.out);
    }
    Result unknown = run(Map.of(), "--bogus");
    assertEquals(2, unknown.exit);
    assertTrue(unknown.err.contains("--bogus"), unknown.err);
  }

  private static List<String> commands(String out) {
    return out.lines().filter(line -> !line.startsWith("#")).toList();
  }

  private Result run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "scripts/deploy-cloud-run.sh");
    builder.command().addAll(List.of(args));
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(key -> key.matches("PROJECT_ID|REGION|REPOSITORY|SERVICE|IMAGE_TAG|.*_INSTANCES|CONCURRENCY|PORT|CPU|MEMORY|TASK_MS|ALLOW_UNAUTHENTICATED|CPU_BOOST|DOCKER"));
    environment.put("PATH", bin + ":" + System.getenv("PATH"));
    environment.put("PROJECT_ID", "test-project");
    environment.put("IMAGE_TAG", "test-tag");
    environment.putAll(env);
    Path out = bin.resolve("out.txt");
    Path err = bin.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script did not finish in 30 s");
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String out, String err) {}
}

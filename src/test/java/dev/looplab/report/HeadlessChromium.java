package dev.looplab.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Opens a file in headless Chromium (Debian's {@code chromium}) and returns its DOM and console lines. */
final class HeadlessChromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  record Page(String dom, List<String> console) {}

  private HeadlessChromium() {}

  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static Page open(Path chromium, Path file, Path scratch) throws IOException, InterruptedException {
    Path stdout = scratch.resolve("dom.html");
    Path stderr = scratch.resolve("chromium.log");
    Process process = new ProcessBuilder(chromium.toString(),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + scratch.resolve("profile"),
        "--enable-logging=stderr", "--v=0", "--dump-dom", file.toUri().toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s");
    }
    // Chromium logs each console message (log, warning, error, uncaught exception) as INFO:CONSOLE
    List<String> console = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(":CONSOLE")).toList();
    return new Page(Files.readString(stdout, StandardCharsets.UTF_8), console);
  }
}

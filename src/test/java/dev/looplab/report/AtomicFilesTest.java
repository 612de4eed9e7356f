package dev.looplab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result files: written whole through symlinks, never over a non-regular file, with the usual permissions. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aSymlinkIsWrittenThroughToItsTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
    AtomicFiles.write(link, "new");
    assertTrue(Files.isSymbolicLink(link), "the link is still a link");
    assertEquals("new", Files.readString(target));
    assertNoTempFilesLeft();
  }

  @Test
  void aDanglingSymlinkCreatesItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("sub/real.csv"));
    AtomicFiles.write(link, "a,b\n");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("a,b\n", Files.readString(dir.resolve("sub/real.csv")));
  }

  @Test
  void aNonRegularFileIsRefusedAndLeftAlone() throws Exception {
    Path fifo = dir.resolve("pipe");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(fifo, "x"));
    assertThrows(IllegalArgumentException.class, () -> AtomicFiles.checkWritable(fifo));
    assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "the pipe is still a pipe");
    Path subdir = Files.createDirectory(dir.resolve("a-directory"));
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(subdir, "x"));
    assertTrue(Files.isDirectory(subdir));
  }

  @Test
  void aLocationThatCannotHoldAFileIsRefusedBeforeAnyWrite() throws IOException {
    Path aFile = Files.writeString(dir.resolve("plain.txt"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AtomicFiles.checkWritable(aFile.resolve("results.json")));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    AtomicFiles.checkWritable(dir.resolve("new/dir/results.json"));
    assertNoTempFilesLeft();
  }

  @Test
  void resultFilesGetTheUmasksPermissionsNotOwnerOnly() throws IOException {
    Path reference = Files.createFile(dir.resolve("made-by-the-umask"));
    Path written = dir.resolve("results.json");
    AtomicFiles.write(written, "{}");
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(written));
  }

  private void assertNoTempFilesLeft() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
    }
  }
}

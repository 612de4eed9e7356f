package dev.looplab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Results files are written whole or not at all: to a temp file beside the target, then moved over
 * it. A symlink is followed to the file it names, which is replaced, not the link; anything but a
 * regular file (a device such as /dev/null, a pipe, a directory) is refused, never replaced. The temp
 * file gets the permissions the user's umask gives any new file, not the 0600 of a temp file.
 */
public final class AtomicFiles {
  private static final int MAX_LINKS = 40;

  private AtomicFiles() {}

  public static void write(Path target, String content) {
    Path temp = null;
    try {
      Path real = regularFileAt(target);
      temp = createTempBeside(real);
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
    }
  }

  /**
   * Before a run: whether {@link #write} could put a file at {@code target}, tried by creating and
   * deleting a temp file beside it. An {@link IllegalArgumentException} with a one-line reason if not.
   */
  public static void checkWritable(Path target) {
    try {
      Files.delete(createTempBeside(regularFileAt(target)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + target + ": " + reason(e), e);
    }
  }

  /** The same for a directory that will receive several result files. */
  public static void checkWritableDirectory(Path dir) {
    try {
      Files.delete(createTempBeside(regularFileAt(dir.resolve("results-check"))));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write files into " + dir + ": " + reason(e), e);
    }
  }

  /** The file a write to {@code target} replaces: past every symlink, its directory created, and regular if it exists. */
  private static Path regularFileAt(Path target) throws IOException {
    Path real = target.toAbsolutePath();
    for (int links = 0; Files.isSymbolicLink(real); links++) {
      if (links == MAX_LINKS) {
        throw new IOException("too many levels of symbolic links");
      }
      real = real.resolveSibling(Files.readSymbolicLink(real));  // a relative link is relative to its own directory
    }
    if (Files.exists(real) && !Files.isRegularFile(real)) {
      throw new IOException("not a regular file (a device, pipe or directory); results go only to regular files");
    }
    Files.createDirectories(real.getParent());
    return real;
  }

  /** Created with the process's umask (Files.createTempFile would make it owner-only, 0600). */
  private static Path createTempBeside(Path real) throws IOException {
    String name = "." + real.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
    Path temp = real.resolveSibling(name);
    Files.write(temp, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return temp;
  }

  private static String reason(IOException e) {
    if (e instanceof FileAlreadyExistsException in) {
      return "not a directory: " + in.getFile();  // what createDirectories met on the way
    }
    if (e instanceof FileSystemException fs && fs.getReason() == null) {
      // e.g. AccessDeniedException or FileAlreadyExistsException, whose message is only the path
      return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase()
          + ": " + fs.getFile();
    }
    return e.getMessage();
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the original failure is the one to report
      }
    }
  }
}

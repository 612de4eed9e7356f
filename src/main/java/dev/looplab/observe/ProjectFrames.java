package dev.looplab.observe;

import java.util.ArrayList;
import java.util.List;

/** Picks, from a stack, the frames that point at the lab's own code rather than JDK or Netty plumbing. */
final class ProjectFrames {
  private static final String PROJECT = "dev.looplab.";
  private static final String OURSELVES = ProjectFrames.class.getPackageName() + ".";
  /** Not a library we call: the JDK and the framework that calls us. */
  private static final List<String> PLUMBING = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "io.netty.", "io.vertx.core.");

  private ProjectFrames() {}

  /**
   * The first run of our frames from the top: the line that blocks and its callers, up to the
   * first framework frame (below it are only the router and our middleware). Lambda frames are
   * passed over, since they carry no line. When our line called into a library (a database driver)
   * that blocks, the library's deepest frame and the two it was entered through come first: the
   * driver's socket read down to our line.
   */
  static List<String> top(StackTraceElement[] stack, int limit) {
    List<String> frames = new ArrayList<>();
    List<String> library = new ArrayList<>();
    for (StackTraceElement frame : stack) {
      String type = frame.getClassName();
      if (type.contains("$$Lambda")) {
        continue;
      }
      boolean ours = type.startsWith(PROJECT) && !type.startsWith(OURSELVES);
      if (!ours && !frames.isEmpty() || frames.size() == limit) {
        break;
      }
      if (ours) {
        if (frames.isEmpty()) {
          frames.addAll(entry(library));
          limit += frames.size();
        }
        frames.add(describe(frame));
      } else if (isLibrary(type)) {
        library.add(describe(frame));
      } else {
        library.clear(); // plumbing between a library and us: that library is not what our line called
      }
    }
    return frames;
  }

  /** The library's deepest frame (where it waits) and the two our line entered it through. */
  private static List<String> entry(List<String> library) {
    if (library.size() <= 3) {
      return library;
    }
    return List.of(library.get(0), library.get(library.size() - 2), library.get(library.size() - 1));
  }

  private static boolean isLibrary(String type) {
    return PLUMBING.stream().noneMatch(type::startsWith);
  }

  private static String describe(StackTraceElement frame) {
    return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
  }

  /** The very top frame when it is not ours (what the thread is stuck in), else null. */
  static String foreignTop(StackTraceElement[] stack) {
    if (stack.length == 0 || stack[0].getClassName().startsWith(PROJECT)) {
      return null;
    }
    return stack[0].getClassName() + "." + stack[0].getMethodName();
  }
}

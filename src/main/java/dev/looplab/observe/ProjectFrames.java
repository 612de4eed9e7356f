package dev.looplab.observe;

import java.util.ArrayList;
import java.util.List;

/** Picks, from a stack, the frames that point at the lab's own code rather than JDK or Netty plumbing. */
final class ProjectFrames {
  private static final String PROJECT = "dev.looplab.";
  private static final String OURSELVES = ProjectFrames.class.getPackageName() + ".";

  private ProjectFrames() {}

  /**
   * The first run of our frames from the top: the line that blocks and its callers, up to the
   * first framework frame (below it are only the router and our middleware). Lambda frames are
   * passed over, since they carry no line.
   */
  static List<String> top(StackTraceElement[] stack, int limit) {
    List<String> frames = new ArrayList<>();
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
        frames.add(type + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
      }
    }
    return frames;
  }

  /** The very top frame when it is not ours (what the thread is stuck in), else null. */
  static String foreignTop(StackTraceElement[] stack) {
    if (stack.length == 0 || stack[0].getClassName().startsWith(PROJECT)) {
      return null;
    }
    return stack[0].getClassName() + "." + stack[0].getMethodName();
  }
}

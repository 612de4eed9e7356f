package dev.looplab.observe;

import java.util.ArrayList;
import java.util.List;

/** Picks, from a stack, the frames that point at the lab's own code rather than JDK or Netty plumbing. */
final class ProjectFrames {
  private static final String PROJECT = "dev.looplab.";
  private static final String OURSELVES = ProjectFrames.class.getPackageName() + ".";

  private ProjectFrames() {}

  static List<String> top(StackTraceElement[] stack, int limit) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : stack) {
      if (frames.size() == limit) {
        break;
      }
      String type = frame.getClassName();
      if (type.startsWith(PROJECT) && !type.startsWith(OURSELVES) && !type.contains("$$Lambda")) {
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

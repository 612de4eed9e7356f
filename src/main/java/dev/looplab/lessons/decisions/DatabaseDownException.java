package dev.looplab.lessons.decisions;

/** A database call that failed or ran out of time: the request gets 503, a background write is counted as failed. */
final class DatabaseDownException extends RuntimeException {
  DatabaseDownException(Throwable cause) {
    super(describe(cause), cause, false, false);
  }

  private static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}

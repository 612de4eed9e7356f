package dev.looplab.server;

/**
 * One request's access line as the event loop hands it to the writer thread, which escapes and
 * formats it ({@link LogLineEncoder#encode(AccessEntry)}): one small object per request on the
 * loop, instead of a logback event and the line's text.
 *
 * @param epochMillis when the response ended
 * @param thread      the event loop that served it
 * @param uri         as the caller sent it, not yet escaped
 */
record AccessEntry(long epochMillis, String thread, String requestId, String method, String uri, int status,
                   long millis) {}

package dev.looplab.server;

import java.time.Instant;
import java.util.UUID;

/** Who this process is: made once per JVM, so a restart shows a new id. */
public final class AppInstance {
  public static final String ID = UUID.randomUUID().toString();
  public static final Instant STARTED_AT = Instant.now();

  private AppInstance() {}
}

package dev.looplab.cli;

/** A switch option's value; {@link OnOffConverter} reads it. */
enum OnOff {
  ON, OFF;

  boolean on() {
    return this == ON;
  }
}

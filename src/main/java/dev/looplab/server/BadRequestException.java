package dev.looplab.server;

/** A request the server will not serve as asked; answered with 400 and this message. */
public final class BadRequestException extends RuntimeException {
  public BadRequestException(String detail) {
    super(detail, null, false, false);
  }
}

package dev.looplab.server;

/** A request the server will not serve as asked; answered with 400 and this message. */
final class BadRequestException extends RuntimeException {
  BadRequestException(String detail) {
    super(detail, null, false, false);
  }
}

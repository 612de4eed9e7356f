package dev.looplab.cli;

import dev.looplab.observe.Instrumentation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --instrumentation on|vertx|off}, on the command line or in the environment. */
final class InstrumentationConverter implements ITypeConverter<Instrumentation> {
  @Override
  public Instrumentation convert(String value) {
    try {
      return Instrumentation.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}

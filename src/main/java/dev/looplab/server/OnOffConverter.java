package dev.looplab.server;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A switch given as on/off (also true/false, yes/no, 1/0), on the command line or in the environment. */
final class OnOffConverter implements ITypeConverter<Boolean> {
  @Override
  public Boolean convert(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new TypeConversionException("'" + value + "' is not on or off");
    };
  }
}

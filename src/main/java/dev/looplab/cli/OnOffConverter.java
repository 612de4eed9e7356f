package dev.looplab.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A switch given as on/off (also true/false, yes/no, 1/0), on the command line or in the environment. */
final class OnOffConverter implements ITypeConverter<OnOff> {
  @Override
  public OnOff convert(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> OnOff.ON;
      case "off", "false", "no", "0" -> OnOff.OFF;
      default -> throw new TypeConversionException("'" + value + "' is not on or off");
    };
  }
}

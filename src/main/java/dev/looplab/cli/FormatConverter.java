package dev.looplab.cli;

import dev.looplab.report.ReportFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --format table|csv|json}, in any case. */
final class FormatConverter implements ITypeConverter<ReportFormat> {
  @Override
  public ReportFormat convert(String value) {
    try {
      return ReportFormat.valueOf(value.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not one of table, csv, json");
    }
  }
}

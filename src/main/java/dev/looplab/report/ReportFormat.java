package dev.looplab.report;

import dev.looplab.model.Experiment;

/** The output formats of {@code --format}. */
public enum ReportFormat {
  TABLE, CSV, JSON;

  public String render(Experiment experiment) {
    return switch (this) {
      case TABLE -> TableReport.render(experiment);
      case CSV -> CsvReport.render(experiment);
      case JSON -> JsonReport.render(experiment);
    };
  }
}

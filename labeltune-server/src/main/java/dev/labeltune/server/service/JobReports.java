package dev.labeltune.server.service;

import dev.labeltune.head.HeadTrainer;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.server.domain.TuningReport;
import java.util.Arrays;

/** A tuning job's report from the trainer's cross-validation. */
final class JobReports {
  private JobReports() {}

  /** @return the report: labels, then per candidate its macro-F1, per-label scores and confusion matrix */
  static TuningReport of(HeadTrainer.CrossValidationReport report) {
    return new TuningReport(report.tuned().labels(), metrics(report.tuned()), metrics(report.zeroShot()));
  }

  private static TuningReport.Metrics metrics(ClassificationMetrics m) {
    return new TuningReport.Metrics(100 * m.macroF1(), 100 * m.accuracy(), m.perClass().stream()
        .map(c -> new TuningReport.LabelScores(c.label(), 100 * c.f1(), 100 * c.precision(), 100 * c.recall(),
            c.support()))
        .toList(), Arrays.stream(m.confusion()).map(row -> Arrays.stream(row).boxed().toList()).toList());
  }
}

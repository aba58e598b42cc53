package dev.labeltune.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.metrics.ClassificationMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tuning job's cross-validation report as the job stores it and the page draws it. */
final class JobReports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JobReports() {}

  /** The report as stored: labels, then per candidate its macro-F1, per-label scores and confusion matrix. */
  static String json(HeadTrainer.CrossValidationReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", report.tuned().labels());
    out.put("tuned", metricsJson(report.tuned()));
    out.put("zero_shot", metricsJson(report.zeroShot()));
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A report of numbers and names is always JSON", e);
    }
  }

  private static Map<String, Object> metricsJson(ClassificationMetrics m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("macro_f1", 100 * m.macroF1());
    out.put("accuracy", 100 * m.accuracy());
    out.put("per_label", m.perClass().stream().map(c -> Map.of("label", c.label(), "f1", 100 * c.f1(),
        "precision", 100 * c.precision(), "recall", 100 * c.recall(), "support", c.support())).toList());
    out.put("confusion", m.confusion());
    return out;
  }
}

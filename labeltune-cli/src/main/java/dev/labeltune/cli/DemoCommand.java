package dev.labeltune.cli;

import dev.labeltune.classify.Prediction;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.metrics.ClassificationMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Zero-shot classification of the shipped support-ticket examples. */
@Command(name = "demo", description = "Classify the shipped support-ticket examples zero-shot and score the result.")
final class DemoCommand implements Callable<Integer> {
  static final String RESOURCE = "/dev/labeltune/cli/demo/support-tickets.jsonl";
  static final List<String> LABELS = List.of("billing", "shipping", "technical problem", "account access");
  static final String TEMPLATE = "This support ticket is about {}.";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  @Override
  public Integer call() throws IOException {
    List<LabeledText> tickets = readTickets();
    PrintWriter out = spec.commandLine().getOut();
    try (OnnxEncoder encoder = model.load()) {
      out.printf("Model %s (%d dimensions); labels %s; template \"%s\"%n%n", encoder.info().name(),
          encoder.info().dimension(), LABELS, TEMPLATE);
      ZeroShotClassifier classifier = ZeroShotClassifier.builder(encoder).labels(LABELS).template(TEMPLATE).build();
      long t0 = System.nanoTime();
      List<Prediction> predictions = classifier.classifyBatch(tickets.stream().map(LabeledText::text).toList());
      double seconds = (System.nanoTime() - t0) / 1e9;
      int[] gold = new int[tickets.size()];
      int[] predicted = new int[tickets.size()];
      for (int i = 0; i < tickets.size(); i++) {
        LabeledText t = tickets.get(i);
        Prediction p = predictions.get(i);
        gold[i] = LABELS.indexOf(t.label());
        predicted[i] = LABELS.indexOf(p.label());
        out.printf("%s %-18s %5.1f%%  %s%n", gold[i] == predicted[i] ? "ok " : "BAD", p.label(),
            100 * p.probability(), abbreviate(t.text()));
      }
      ClassificationMetrics m = ClassificationMetrics.compute(LABELS, gold, predicted);
      out.printf("%naccuracy %.1f%%  macro-F1 %.1f%%  on %d tickets, %.0f texts/s%n", 100 * m.accuracy(),
          100 * m.macroF1(), tickets.size(), tickets.size() / seconds);
      out.flush();
    }
    return 0;
  }

  static List<LabeledText> readTickets() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("The demo data " + RESOURCE + " is missing from the jar");
      }
      return DataReader.defaults().read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE, DataFormat.JSONL);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 70 ? s : s.substring(0, 67) + "...";
  }
}

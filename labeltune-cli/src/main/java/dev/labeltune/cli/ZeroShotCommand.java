package dev.labeltune.cli;

import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.OnnxEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Classifies texts against labels given on the command line, with no training. */
@Command(name = "zero-shot", description = {
    "Classify texts by similarity to templated labels, with no training.",
    "Reads JSONL ({\"text\": ...}), CSV/TSV or plain text lines; writes one JSON object per text."})
final class ZeroShotCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = {"-l", "--labels"}, split = "\\s*,\\s*", splitSynopsisLabel = ",", required = true,
      description = "Comma-separated labels; spaces around the commas are ignored.")
  List<String> labels;

  @Option(names = {"-t", "--template"}, defaultValue = "This text is about {}.",
      description = "Hypothesis template with one {} (default: '${DEFAULT-VALUE}').")
  String template;

  @Option(names = "--describe", description = "A free description replacing the template for one label: LABEL=TEXT.")
  Map<String, String> descriptions = new LinkedHashMap<>();

  @Mixin InputOptions input;

  @Option(names = {"-o", "--output"}, description = "Write predictions to this file (atomically) instead of standard output.")
  Path output;

  @Option(names = "--top-k", defaultValue = "0", description = "Label probabilities listed per text; 0 lists all (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--temperature", description = "Softmax temperature over cosine scores (default: the model's own, "
      + "0.05 for a pre-trained encoder, the calibrated one a fine-tuned model carries).")
  Double temperature;

  @Option(names = "--multi-label", description = "Predict every label whose score reaches --threshold.")
  boolean multiLabel;

  @Option(names = "--threshold", defaultValue = "0.3", description = "Score a label needs in --multi-label mode (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Override
  public Integer call() throws IOException {
    // Checked before the model loads; the default comes from the model.
    ScoringOptions checked = new ScoringOptions(temperature == null ? ScoringOptions.DEFAULT_TEMPERATURE : temperature,
        multiLabel, threshold, topK);
    try (ModelOptions.Opening opening = model.loadInBackground()) {
      List<LabeledText> rows = input.read();
      OnnxEncoder encoder = opening.get();
      ScoringOptions scoring = temperature == null ? checked.withTemperature(encoder.info().config().temperature()) : checked;
      ZeroShotClassifier classifier = ZeroShotClassifier.builder(encoder)
          .labels(labels.stream().map(String::strip).toList()).template(template)
          .descriptions(descriptions).scoring(scoring).build();
      PredictionWriter.write(rows, classifier::classifyBatch, multiLabel, input, output, spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    return 0;
  }
}

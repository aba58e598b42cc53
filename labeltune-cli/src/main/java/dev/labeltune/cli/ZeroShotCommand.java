package dev.labeltune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.AtomicFiles;
import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.OnnxEncoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 256;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = {"-l", "--labels"}, split = ",", required = true, description = "Comma-separated labels.")
  List<String> labels;

  @Option(names = {"-t", "--template"}, defaultValue = "This text is about {}.",
      description = "Hypothesis template with one {} (default: '${DEFAULT-VALUE}').")
  String template;

  @Option(names = "--describe", description = "A free description replacing the template for one label: LABEL=TEXT.")
  Map<String, String> descriptions = new LinkedHashMap<>();

  @Option(names = {"-i", "--input"}, defaultValue = "-", description = "Input file, or - for standard input (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--format", description = "Input format: ${COMPLETION-CANDIDATES} (default: from the file extension; JSONL for standard input).")
  DataFormat format;

  @Option(names = "--text-field", defaultValue = "text", description = "JSON field or CSV column of the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = {"-o", "--output"}, description = "Write predictions to this file (atomically) instead of standard output.")
  Path output;

  @Option(names = "--top-k", defaultValue = "0", description = "Label probabilities listed per text; 0 lists all (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--temperature", defaultValue = "0.05", description = "Softmax temperature over cosine scores (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--multi-label", description = "Predict every label whose score reaches --threshold.")
  boolean multiLabel;

  @Option(names = "--threshold", defaultValue = "0.3", description = "Score a label needs in --multi-label mode (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Override
  public Integer call() throws IOException {
    ScoringOptions scoring = new ScoringOptions(temperature, multiLabel, threshold, topK);
    List<LabeledText> rows = readInput();
    try (OnnxEncoder encoder = model.load()) {
      ZeroShotClassifier classifier = ZeroShotClassifier.builder(encoder).labels(labels).template(template)
          .descriptions(descriptions).scoring(scoring).build();
      if (output == null) {
        PrintWriter out = spec.commandLine().getOut();
        write(classifier, rows, out);
        out.flush();
      } else {
        AtomicFiles.write(output, stream -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
          write(classifier, rows, w);
          w.flush();
        });
      }
    }
    return 0;
  }

  private List<LabeledText> readInput() throws IOException {
    DataReader reader = DataReader.defaults().withColumns(textField, "label");
    if (input.equals("-")) {
      return reader.read(new InputStreamReader(System.in, StandardCharsets.UTF_8), "<stdin>",
          format == null ? DataFormat.JSONL : format);
    }
    Path file = Path.of(input);
    return reader.read(file, format == null ? DataFormat.fromFileName(file) : format);
  }

  private static void write(ZeroShotClassifier classifier, List<LabeledText> rows, Writer out) throws IOException {
    try (Progress progress = Progress.start("zero-shot", rows.size())) {
      for (int start = 0; start < rows.size(); start += CHUNK) {
        List<LabeledText> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
        List<Prediction> predictions = classifier.classifyBatch(chunk.stream().map(LabeledText::text).toList());
        for (int i = 0; i < chunk.size(); i++) {
          out.write(JSON.writeValueAsString(record(chunk.get(i).text(), predictions.get(i), classifier.scoring())));
          out.write('\n');
        }
        progress.stepTo(start + chunk.size());
      }
    }
  }

  static Map<String, Object> record(String text, Prediction p, ScoringOptions scoring) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    m.put("label", p.label());
    if (scoring.multiLabel()) {
      m.put("labels", p.labels());
    }
    m.put("score", p.scores().get(0).score());
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (LabelScore s : p.scores()) {
      probabilities.put(s.label(), s.probability());
    }
    m.put("probabilities", probabilities);
    return m;
  }
}

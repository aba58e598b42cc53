package dev.labeltune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.active.ActiveSelector;
import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.active.Suggestion;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.LabelSet;
import dev.labeltune.data.AtomicFiles;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code labeltune suggest}: which texts of an unlabeled pool to label next. */
@Command(name = "suggest", description = {
    "Choose which texts of an unlabeled pool (--pool) to label next, from a head (--head) or, before any "
        + "label, from zero-shot (--labels).",
    "Writes the chosen texts, the most worth labeling first, with the current prediction, its margin (top "
        + "probability minus the second) and pool_row (the text's row in the pool, from 1), and the input's fields."})
final class SuggestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 256;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin InputOptions input;

  @CommandLine.ArgGroup(multiplicity = "1")
  HeadOrLabels task;

  /** A head, or labels for zero-shot. */
  static final class HeadOrLabels {
    @Option(names = "--head", description = "The task's head file (made by 'tune' or 'distill').")
    Path head;

    @Option(names = {"-l", "--labels"}, split = "\\s*,\\s*", splitSynopsisLabel = ",",
        description = "Labels for zero-shot, before any text is labeled.")
    List<String> labels;
  }

  @Option(names = {"-t", "--template"}, defaultValue = "This text is about {}.",
      description = "Hypothesis template with --labels (default: '${DEFAULT-VALUE}').")
  String template;

  @Option(names = {"-n", "--n"}, defaultValue = "20", description = "Texts to suggest (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--strategy", defaultValue = SelectionStrategy.DEFAULT_NAME, converter = StrategyConverter.class,
      description = "kmeans (diverse texts: k-means over the pool, the text nearest each centroid), margin, "
          + "kmeans-margin, entropy, least-confidence or random (default: ${DEFAULT-VALUE}; BENCHMARKS.md, "
          + "'Active learning').")
  SelectionStrategy strategy;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the random and k-means choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--output"}, description = "Write the suggestions to this file (atomically) instead of standard output.")
  Path output;

  /** Reads --strategy; a bad value is a usage error naming the strategies. */
  static final class StrategyConverter implements CommandLine.ITypeConverter<SelectionStrategy> {
    @Override
    public SelectionStrategy convert(String value) {
      try {
        return SelectionStrategy.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    if (n < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + n + "' for option '--n': "
          + "suggest at least 1 text");
    }
    TaskHead head = task.head == null ? null : TaskHead.load(task.head);
    if (head != null && !spec.commandLine().getParseResult().hasMatchedOption("--model")) {
      model.use(head.provenance().encoderName());
    }
    List<Suggestion> chosen;
    List<LabeledText> rows;
    try (ModelOptions.Opening opening = model.loadInBackground()) {
      rows = input.read();
      OnnxEncoder encoder = opening.get();
      if (head == null) {
        head = TaskHead.zeroShot(encoder, LabelSet.builder().labels(task.labels.stream().map(String::strip).toList())
            .template(template).build(), false, Instant.now());
      } else {
        TextClassifier.checkCompatible(encoder.info(), head);
      }
      chosen = ActiveSelector.select(strategy, embed(encoder, rows), head, n, seed);
    }
    write(rows, chosen);
    return 0;
  }

  private static float[][] embed(OnnxEncoder encoder, List<LabeledText> rows) {
    List<float[]> out = new ArrayList<>(rows.size());
    try (Progress progress = Progress.start("embed the pool", rows.size())) {
      for (int start = 0; start < rows.size(); start += CHUNK) {
        List<String> texts = rows.subList(start, Math.min(rows.size(), start + CHUNK)).stream()
            .map(LabeledText::text).toList();
        out.addAll(List.of(encoder.embedBatch(texts)));
        progress.stepTo(start + texts.size());
      }
    }
    return out.toArray(float[][]::new);
  }

  private void write(List<LabeledText> rows, List<Suggestion> chosen) throws IOException {
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      lines(rows, chosen, out);
      out.flush();
      return;
    }
    AtomicFiles.write(output, stream -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      lines(rows, chosen, w);
      w.flush();
    });
    spec.commandLine().getErr().printf("wrote %d suggestions to %s%n", chosen.size(), output);
    spec.commandLine().getErr().flush();
  }

  private void lines(List<LabeledText> rows, List<Suggestion> chosen, Writer out) throws IOException {
    for (Suggestion s : chosen) {
      LabeledText row = rows.get(s.index());
      Map<String, Object> m = new LinkedHashMap<>();
      input.keptFields(row).forEach((k, v) -> m.put(k.equals("text") || k.equals("label") ? "input_" + k : k, v));
      m.put("pool_row", s.index() + 1);
      m.put("text", row.text());
      m.put("label", s.prediction().label());
      m.put("probability", s.prediction().probability());
      m.put("margin", s.margin());
      Map<String, Double> probabilities = new LinkedHashMap<>();
      for (LabelScore score : s.prediction().scores()) {
        probabilities.put(score.label(), score.probability());
      }
      m.put("probabilities", probabilities);
      out.write(JSON.writeValueAsString(m));
      out.write('\n');
    }
  }
}

package dev.labeltune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.data.AtomicFiles;
import dev.labeltune.data.LabeledText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Classifies texts in chunks and writes one JSON object per text (text, label, labels in
 * multi-label mode, score, every listed label's probability, whether the text was truncated and
 * whether it had no token the model knows) to standard output or, atomically, a
 * file; a progress bar follows the chunks.
 */
final class PredictionWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 256;

  private PredictionWriter() {}

  static void write(List<LabeledText> rows, Function<List<String>, List<Prediction>> classifier, boolean multiLabel,
      InputOptions input, Path output, PrintWriter stdout, PrintWriter stderr) throws IOException {
    Function<LabeledText, Map<String, Object>> kept = input::keptFields;
    if (output == null) {
      write(rows, classifier, multiLabel, kept, stdout);
      stdout.flush();
      return;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new IOException("Cannot write " + output + ": " + (Files.exists(parent) ? parent + " is not a directory"
          : "the directory " + parent + " does not exist"));
    }
    AtomicFiles.write(output, stream -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      write(rows, classifier, multiLabel, kept, w);
      w.flush();
    });
    stderr.println("wrote " + String.format("%,d", rows.size()) + " prediction" + (rows.size() == 1 ? "" : "s")
        + " to " + output);
    stderr.flush();
  }

  private static void write(List<LabeledText> rows, Function<List<String>, List<Prediction>> classifier,
      boolean multiLabel, Function<LabeledText, Map<String, Object>> kept, Writer out) throws IOException {
    try (Progress progress = Progress.start("classify", rows.size())) {
      for (int start = 0; start < rows.size(); start += CHUNK) {
        List<LabeledText> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
        List<Prediction> predictions = classifier.apply(chunk.stream().map(LabeledText::text).toList());
        for (int i = 0; i < chunk.size(); i++) {
          out.write(JSON.writeValueAsString(record(chunk.get(i), kept.apply(chunk.get(i)), predictions.get(i),
              multiLabel)));
          out.write('\n');
        }
        progress.stepTo(start + chunk.size());
      }
    }
  }

  private static Map<String, Object> record(LabeledText row, Map<String, Object> kept, Prediction p,
      boolean multiLabel) {
    Map<String, Object> m = new LinkedHashMap<>(kept);
    m.put("text", row.text());
    m.put("label", p.label());
    if (multiLabel) {
      m.put("labels", p.labels());
    }
    m.put("score", p.scores().get(0).score());
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (LabelScore s : p.scores()) {
      probabilities.put(s.label(), s.probability());
    }
    m.put("probabilities", probabilities);
    m.put("truncated", p.truncated());
    m.put("no_known_tokens", p.noKnownTokens());
    // An input field named like an output one is kept under "input_" + its name, never overwritten.
    for (Map.Entry<String, Object> e : kept.entrySet()) {
      if (m.get(e.getKey()) != e.getValue()) {
        m.put("input_" + e.getKey(), e.getValue());
      }
    }
    return m;
  }
}

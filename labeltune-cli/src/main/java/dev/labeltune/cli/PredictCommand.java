package dev.labeltune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import dev.labeltune.torch.ytuning.YTunedClassifier;
import dev.labeltune.torch.ytuning.YTunedHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Classifies texts with a saved task head. */
@Command(name = "predict", description = {
    "Classify texts with a task head made by 'tune', 'distill' or 'ytune'.",
    "The head's own encoder is loaded unless --model names another; a head is refused by an encoder "
        + "with other weights."})
final class PredictCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin InputOptions input;

  @Option(names = "--head", required = true, description = "The head file.")
  Path head;

  @Option(names = {"-o", "--output"}, description = "Write predictions to this file (atomically) instead of standard output.")
  Path output;

  @Option(names = "--top-k", defaultValue = "0", description = "Label probabilities listed per text; 0 lists all (default: ${DEFAULT-VALUE}).")
  int topK;

  @Override
  public Integer call() throws IOException {
    if (YTunedHead.FORMAT.equals(format(head))) {
      return predictYTuned();
    }
    TaskHead task = TaskHead.load(head);
    if (!spec.commandLine().getParseResult().hasMatchedOption("--model")) {
      model.use(task.provenance().encoderName());
    }
    try (ModelOptions.Opening opening = model.loadInBackground()) {
      var rows = input.read();
      OnnxEncoder encoder = opening.get();
      TextClassifier classifier = task.bind(encoder);
      PredictionWriter.write(rows, texts -> classifier.classifyBatch(texts, topK), task.multiLabel(), input, output,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }

  private Integer predictYTuned() throws IOException {
    YTunedHead ytuned = YTunedHead.load(head);
    var rows = input.read();
    if (!spec.commandLine().getParseResult().hasMatchedOption("--model")) {
      model.use(ytuned.encoderName());
    }
    try (OnnxEncoder encoder = model.load(); YTunedClassifier classifier = ytuned.bind(encoder)) {
      PredictionWriter.write(rows, texts -> classifier.classifyBatch(texts, topK), false, input, output,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }

  /** @return the head file's {@code format} field, or null when it cannot be read as JSON */
  private static String format(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile()).path("format").asText(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

package dev.labeltune.cli;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options and work shared by 'tune' and 'distill': read examples, train a head, save and report it. */
final class TuneOptions {
  @Mixin TrainingSetOptions examples;

  @Option(names = "--procedure", defaultValue = "default", description = "default: LabelTune's; paper: the paper's grid and optimizer (default: ${DEFAULT-VALUE}).")
  String procedure;

  @Option(names = {"-o", "--out"}, required = true, description = "The head file to write.")
  Path out;

  @Mixin SummaryOptions summary;

  /**
   * Trains, saves and reports a head.
   *
   * @param spec the calling command, for usage errors and output
   * @param model the encoder options
   * @param unlabeled texts to distill on; empty for plain label tuning
   */
  int run(CommandLine.Model.CommandSpec spec, ModelOptions model, List<String> unlabeled) throws IOException {
    LabelTunerOptions options = switch (procedure) {
      case "default" -> LabelTunerOptions.defaults();
      case "paper" -> LabelTunerOptions.paper();
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value '" + procedure + "' for option '--procedure': expected default or paper");
    };
    List<LabeledText> examples = this.examples.examples(spec);
    TaskSpec wording = this.examples.wording();
    long seed = this.examples.seed;
    String method = (unlabeled.isEmpty() ? "lt" : "lt-kd") + (procedure.equals("paper") ? "-paper" : "");
    PrintWriter stdout = summary.human(spec);
    try (OnnxEncoder encoder = model.load()) {
      long t0 = System.nanoTime();
      TaskHead head;
      try (Progress progress = Progress.start("label tuning", 1)) {
        head = new HeadTrainer(encoder, options.withSeed(seed), method, Clock.systemUTC())
            .withProgress((done, total) -> {
              progress.maxHint(total);
              progress.stepTo(done);
            })
            .train(examples, wording, unlabeled);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      head.save(out);
      HeadProvenance p = head.provenance();
      stdout.printf("Trained %s head: %d labels, %d examples%s, %s, %.2fs%n", method, head.labels().size(), p.examples(),
          unlabeled.isEmpty() ? "" : " and " + unlabeled.size() + " unlabeled texts", p.encoderName(), seconds);
      stdout.printf("label tuning: %s%n", p.config().map(c -> String.format(Locale.ROOT,
          "%s, learning rate %s, regularization %s, dropout %s, %d steps, scale %s", c.optimizer(), c.learningRate(),
          c.regularization(), c.dropout(), c.steps(), c.scale()))
          .orElse("none (the zero-shot label embeddings" + (head.hasBias() ? " and logistic regression" : "")
              + " did better in cross-validation)"));
      stdout.printf("cross-validated %s %.1f (zero-shot %.1f); temperature %.4f%s%n",
          head.multiLabel() ? "micro-F1" : "macro-F1", p.cvMacroF1(), p.zeroShotMacroF1(), head.temperature(),
          head.multiLabel() ? String.format(Locale.ROOT, "; threshold %.4f", head.threshold()) : "");
      stdout.printf("wrote %s%n", out);
      stdout.flush();
      summary.put("method", method).put("labels", head.labels()).put("examples", p.examples())
          .put("unlabeled", unlabeled.size()).put("encoder", p.encoderName()).put("seconds", seconds)
          .put("config", p.config().orElse(null)).put(head.multiLabel() ? "cv_micro_f1" : "cv_macro_f1", p.cvMacroF1())
          .put("zero_shot_macro_f1", p.zeroShotMacroF1()).put("temperature", head.temperature())
          .put("threshold", head.threshold()).put("out", out.toString()).finish(spec);
    }
    return 0;
  }
}

package dev.labeltune.cli;

import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.torch.ytuning.YTunedHead;
import dev.labeltune.torch.ytuning.YTuningOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Trains a Y-tuned head (a label decoder over the frozen encoder's token states) and saves it. */
@Command(name = "ytune", description = {
    "Train a Y-Tuning head (label vectors and a small decoder) from labeled examples.",
    "The decoder attends to the frozen encoder's token states; the encoder is never changed. "
        + "'predict' applies the head. Texts are truncated at 128 tokens unless --max-length is given."})
final class YtuneCommand implements Callable<Integer> {
  private static final int MAX_LENGTH = 128;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin YTuneFlags flags;
  @Mixin TrainingFlags training;
  @Mixin TrainingSetOptions trainingSet;

  @Option(names = {"-o", "--out"}, required = true, description = "The head file to write.")
  Path out;

  @Mixin SummaryOptions summary;

  @Override
  public Integer call() throws IOException {
    TrainingSetOptions.TrainingSet set = trainingSet.read(spec);
    YTuningOptions options = flags.options(spec, training, trainingSet.seed);
    if (model.maxLength == 0) {
      model.maxLength = MAX_LENGTH;
    }
    PrintWriter stdout = summary.human(spec);
    try (OnnxEncoder encoder = model.load()) {
      YTunedHead head;
      try (Progress progress = Progress.start("y-tuning", options.training().epochs())) {
        head = YTuneFlags.tuner(options, progress).fit(encoder, set.labels(), set.labelTexts(), set.texts(),
            set.y());
      }
      head.save(out);
      stdout.printf("Trained Y-Tuning head: %d labels, %d examples, %s, %d epochs, %.1fs, %.2fM trained values%n",
          set.labels().size(), set.texts().size(), encoder.info().name(), head.epochs(), head.trainingSeconds(),
          head.parameterCount() / 1e6);
      if (!Double.isNaN(head.temperature())) {
        stdout.printf("held-out loss chose %d epochs (held-out accuracy %.3f); temperature %.4f%n", head.epochs(), head.heldOutAccuracy(),
            head.temperature());
      }
      stdout.printf("wrote %s%n", out);
      stdout.flush();
      summary.put("labels", set.labels()).put("examples", set.texts().size()).put("encoder", encoder.info().name())
          .put("epochs", head.epochs()).put("seconds", head.trainingSeconds())
          .put("trained_values", head.parameterCount()).put("held_out_accuracy", head.heldOutAccuracy())
          .put("temperature", head.temperature()).put("out", out.toString()).finish(spec);
    }
    return 0;
  }
}

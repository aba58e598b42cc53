package dev.labeltune.cli;

import dev.labeltune.bench.ProcessMemory;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.torch.finetune.FineTuneOptions;
import dev.labeltune.torch.finetune.FineTuneResult;
import dev.labeltune.torch.finetune.FineTunedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Fine-tunes a whole encoder on labeled examples and writes it as a new model directory. */
@Command(name = "finetune", description = {
    "Fine-tune every weight of the encoder on labeled examples and save it as a model directory.",
    "Trains with batch softmax against the label texts; --model accepts the directory everywhere. "
        + "Texts are truncated at 128 tokens while training unless --max-length is given."})
final class FinetuneCommand implements Callable<Integer> {
  private static final int TRAINING_MAX_LENGTH = 128;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin FineTuneFlags flags;
  @Mixin TrainingFlags training;
  @Mixin TrainingSetOptions trainingSet;

  @Option(names = {"-o", "--out"}, required = true, description = "The model directory to write.")
  Path out;

  @Option(names = "--force", description = "Replace the model directory if it exists.")
  boolean force;

  @Mixin SummaryOptions summary;

  @Override
  public Integer call() throws IOException {
    if (java.nio.file.Files.exists(out) && !force) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + out + "' for option '--out': "
          + "it exists; pass --force to replace it");
    }
    TrainingSetOptions.TrainingSet set = trainingSet.read(spec);
    FineTuneOptions options = flags.options(spec, training, model.maxLength == 0 ? TRAINING_MAX_LENGTH : model.maxLength,
        trainingSet.seed);
    List<String> labelTexts;
    try (OnnxEncoder encoder = model.load()) {
      labelTexts = set.labelTexts();
    }
    ModelFiles base = ModelRegistry.files(model.name());
    PrintWriter stdout = summary.human(spec);
    FineTunedModel model;
    try (Progress progress = Progress.start("fine-tuning", 1)) {
      model = FineTuneFlags.tuner(options, progress).tune(base, out.toAbsolutePath().normalize().getFileName().toString(),
          labelTexts, set.texts(), set.y());
    }
    FineTuneResult result = model.training();
    ModelFiles tuned = model.files();
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("baseModel", base.name());
    provenance.put("baseFingerprint", base.fingerprint());
    provenance.put("method", "batch-softmax fine-tuning");
    provenance.put("labels", set.labels());
    provenance.put("labelTexts", labelTexts);
    provenance.put("examples", set.texts().size());
    provenance.put("options", options);
    provenance.put("epochLosses", result.epochLosses());
    ModelRegistry.save(tuned, out, provenance);
    stdout.printf("Fine-tuned %s on %d examples of %d labels: %d epochs (kept %d), %d steps, %.1fs (%.1fs per epoch), "
        + "peak memory %d MiB%n", base.name(), set.texts().size(), set.labels().size(), result.epochLosses().size(),
        result.bestEpoch(), result.steps(), result.seconds(), result.secondsPerEpoch(), ProcessMemory.peakResidentMiB());
    if (result.skippedSteps() > 0) {
      stdout.printf("skipped %d steps whose gradient was not finite%n", result.skippedSteps());
    }
    stdout.printf("loss per epoch: %s%n", result.epochLosses().stream().map(l -> String.format("%.4f", l)).toList());
    if (!result.validationAccuracy().isEmpty()) {
      stdout.printf("held-out accuracy per epoch: %s%n",
          result.validationAccuracy().stream().map(a -> String.format("%.3f", a)).toList());
    }
    stdout.printf("scores calibrated at temperature %.4g (%s)%n", result.temperature(), model.calibrationFolds() == 0
        ? "the inverse of the loss scale" : "fitted by " + model.calibrationFolds() + "-fold cross-validation");
    stdout.printf("wrote %s (use it with --model %s)%n", out, out);
    stdout.flush();
    summary.put("base_model", base.name()).put("labels", set.labels()).put("examples", set.texts().size())
        .put("epochs", result.epochLosses().size()).put("best_epoch", result.bestEpoch()).put("steps", result.steps())
        .put("skipped_steps", result.skippedSteps()).put("temperature", result.temperature())
        .put("calibration_folds", model.calibrationFolds())
        .put("seconds", result.seconds())
        .put("epoch_losses", result.epochLosses()).put("validation_accuracy", result.validationAccuracy())
        .put("out", out.toString()).finish(spec);
    return 0;
  }
}

package dev.labeltune.cli;

import dev.labeltune.bench.ProcessMemory;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.torch.setfit.SetFit;
import dev.labeltune.torch.setfit.SetFitOptions;
import dev.labeltune.torch.setfit.SetFitTuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Trains a SetFit classifier: a contrastively tuned model directory and its logistic-regression head. */
@Command(name = "setfit", description = {
    "Train a SetFit classifier: contrastive fine-tuning of the encoder on pairs of the examples, then "
        + "logistic regression on the tuned embeddings.",
    "Writes the tuned encoder as a model directory (--out) and the head bound to it (--head, default "
        + "OUT/head.json); classify with: predict --model OUT --head OUT/head.json. Texts are truncated at 128 "
        + "tokens while training unless --max-length is given."})
final class SetfitCommand implements Callable<Integer> {
  private static final int TRAINING_MAX_LENGTH = 128;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin TrainingSetOptions trainingSet;
  @Mixin TrainingFlags training;

  @Option(names = {"-o", "--out"}, required = true, description = "The model directory to write.")
  Path out;

  @Option(names = "--head", description = "The head file to write (default: OUT/head.json).")
  Path head;

  @Option(names = "--force", description = "Replace the model directory and head if they exist.")
  boolean force;

  @Option(names = "--iterations", description = "Pair-sampling rounds; each gives every example one pair of its label "
      + "and one of another (default: 20).")
  Integer iterations;

  @Option(names = "--batch-size", description = "Pairs per step (default: 16).")
  Integer batchSize;

  @Mixin SummaryOptions summary;

  @Override
  public Integer call() throws IOException {
    Path headFile = head == null ? out.resolve("head.json") : head;
    for (Path p : new Path[] {out, headFile}) {
      if (Files.exists(p) && !force) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + p + "' for option '"
            + (p == out ? "--out" : "--head") + "': it exists; pass --force to replace it");
      }
    }
    TrainingSetOptions.TrainingSet set = trainingSet.read(spec);
    SetFitOptions options = options();
    ModelFiles base = ModelRegistry.files(model.name());
    String name = out.toAbsolutePath().normalize().getFileName().toString();
    SetFit.Model trained;
    try (Progress progress = Progress.start("setfit", 1)) {
      trained = SetFit.train(FineTuneFlags.reporting(new SetFitTuner(options), progress), base, name, set.labels(),
          set.texts(), set.y(), model.runtime(), Clock.systemUTC());
    }
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("baseModel", base.name());
    provenance.put("baseFingerprint", base.fingerprint());
    provenance.put("method", "setfit contrastive fine-tuning");
    provenance.put("labels", set.labels());
    provenance.put("examples", set.texts().size());
    provenance.put("options", options);
    provenance.put("epochLosses", trained.training().epochLosses());
    ModelRegistry.save(trained.encoder(), out, provenance);
    trained.head().save(headFile);
    PrintWriter stdout = summary.human(spec);
    stdout.printf("SetFit on %d examples of %d labels: %d steps, %.1fs, peak memory %d MiB%n", set.texts().size(),
        set.labels().size(), trained.training().steps(), trained.training().seconds(), ProcessMemory.peakResidentMiB());
    if (trained.training().skippedSteps() > 0) {
      stdout.printf("skipped %d steps whose gradient was not finite%n", trained.training().skippedSteps());
    }
    stdout.printf("wrote %s and %s (use them with --model %s --head %s)%n", out, headFile, out, headFile);
    stdout.flush();
    summary.put("base_model", base.name()).put("labels", set.labels()).put("examples", set.texts().size())
        .put("steps", trained.training().steps()).put("skipped_steps", trained.training().skippedSteps())
        .put("seconds", trained.training().seconds()).put("epoch_losses", trained.training().epochLosses())
        .put("out", out.toString()).put("head", headFile.toString()).finish(spec);
    return 0;
  }

  private SetFitOptions options() {
    training.refuseStopping(spec, "SetFit");
    SetFitOptions.Builder b = training.apply(SetFitOptions.builder(), trainingSet.seed)
        .maxLength(model.maxLength == 0 ? TRAINING_MAX_LENGTH : model.maxLength);
    if (iterations != null) {
      b.iterations(iterations);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    return TrainingFlags.build(spec, "SetFit", b::build);
  }
}

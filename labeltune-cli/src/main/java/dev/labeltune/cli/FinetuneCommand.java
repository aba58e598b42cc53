package dev.labeltune.cli;

import dev.labeltune.classify.HypothesisTemplate;
import dev.labeltune.classify.TaskSpec;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.ModelFiles;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.eval.FewShotSampler;
import dev.labeltune.torch.FineTuneOptions;
import dev.labeltune.torch.FineTuneResult;
import dev.labeltune.torch.FineTuner;
import dev.labeltune.torch.TrainableEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fine-tunes a whole encoder on labeled examples and writes it as a new model directory. */
@Command(name = "finetune", description = {
    "Fine-tune every weight of the encoder on labeled examples (batch softmax against the label",
    "texts) and write it as a model directory that --model accepts everywhere.",
    "Texts are truncated at 128 tokens while training unless --max-length is given."})
final class FinetuneCommand implements Callable<Integer> {
  private static final int TRAINING_MAX_LENGTH = 128;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin FineTuneFlags flags;

  @Option(names = "--train", required = true, description = "Labeled examples: JSONL, CSV or TSV.")
  Path train;

  @Option(names = "--text-field", defaultValue = "text", description = "JSON field or CSV column of the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--label-field", defaultValue = "label", description = "JSON field or CSV column of the label (default: ${DEFAULT-VALUE}).")
  String labelField;

  @Option(names = "--task", description = "A task.json with the template and label verbalizations.")
  Path task;

  @Option(names = {"-t", "--template"}, description = "Hypothesis template with one {}; overrides the task's.")
  String template;

  @Option(names = "--shots", description = "Use only this many examples per label, sampled with --seed.")
  Integer shots;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of sampling and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--out"}, required = true, description = "The model directory to write (replaced if it exists).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (shots != null && shots < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + shots + "' for option '--shots': must be at least 1");
    }
    FineTuneOptions options = flags.options(spec, model.maxLength == 0 ? TRAINING_MAX_LENGTH : model.maxLength, seed);
    List<LabeledText> examples = new DataReader(textField, labelField, null).read(train, DataFormat.fromFileName(train));
    if (shots != null) {
      examples = FewShotSampler.sample(examples, shots, seed);
    }
    List<String> labels = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    int[] y = new int[examples.size()];
    for (int i = 0; i < y.length; i++) {
      List<String> l = examples.get(i).labels();
      if (l.size() != 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Example " + (i + 1) + " of " + train + " has "
            + l.size() + " labels; fine-tuning needs exactly one label per example");
      }
      y[i] = index.computeIfAbsent(l.get(0), k -> {
        labels.add(k);
        return labels.size() - 1;
      });
    }
    TaskSpec wording = task == null ? TaskSpec.empty() : TaskSpec.read(task);
    if (template != null) {
      wording = new TaskSpec(Optional.of(new HypothesisTemplate(template)), wording.verbalizations(), wording.descriptions());
    }
    List<String> labelTexts;
    try (OnnxEncoder encoder = model.load()) {
      labelTexts = ZeroShotClassifier.builder(encoder).labels(labels).task(wording).build().labelTexts();
    }
    ModelFiles base = ModelRegistry.files(model.model);
    PrintWriter stdout = spec.commandLine().getOut();
    FineTuneResult result;
    ModelFiles tuned;
    try (Progress progress = Progress.start("fine-tuning", 1)) {
      FineTuner tuner = FineTuneFlags.tuner(options, progress);
      try (TrainableEncoder encoder = tuner.load(base)) {
        result = tuner.fit(encoder, labelTexts, examples.stream().map(LabeledText::text).toList(), y);
        tuned = encoder.toModelFiles(out.toAbsolutePath().normalize().getFileName().toString());
      }
    }
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("baseModel", base.name());
    provenance.put("baseFingerprint", base.fingerprint());
    provenance.put("method", "batch-softmax fine-tuning");
    provenance.put("labels", labels);
    provenance.put("labelTexts", labelTexts);
    provenance.put("examples", examples.size());
    provenance.put("options", options);
    provenance.put("epochLosses", result.epochLosses());
    ModelRegistry.save(tuned, out, provenance);
    stdout.printf("Fine-tuned %s on %d examples of %d labels: %d epochs (kept %d), %d steps, %.1fs (%.1fs per epoch), "
        + "peak memory %d MiB%n", base.name(), examples.size(), labels.size(), result.epochLosses().size(),
        result.bestEpoch(), result.steps(), result.seconds(), result.secondsPerEpoch(), FineTuneFlags.peakResidentMiB());
    stdout.printf("loss per epoch: %s%n", result.epochLosses().stream().map(l -> String.format("%.4f", l)).toList());
    if (!result.validationAccuracy().isEmpty()) {
      stdout.printf("held-out accuracy per epoch: %s%n",
          result.validationAccuracy().stream().map(a -> String.format("%.3f", a)).toList());
    }
    stdout.printf("wrote %s (use it with --model %s)%n", out, out);
    stdout.flush();
    return 0;
  }
}

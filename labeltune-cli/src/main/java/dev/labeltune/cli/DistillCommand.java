package dev.labeltune.cli;

import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a task head by label tuning with knowledge distillation on unlabeled texts. */
@Command(name = "distill", description = {
    "Train a task head with knowledge distillation from unlabeled texts.",
    "A label-tuned teacher learns from the labeled examples and labels the unlabeled texts with "
        + "probabilities; the head is label-tuned on both. The shared encoder is never changed."})
final class DistillCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin TuneOptions tuning;

  @Option(names = "--unlabeled", required = true,
      description = "Unlabeled texts from the same source: JSONL, CSV/TSV (column --unlabeled-field) or plain text lines.")
  Path unlabeled;

  @Option(names = "--unlabeled-field", defaultValue = "text", description = "JSON field or CSV column of those texts (default: ${DEFAULT-VALUE}).")
  String unlabeledField;

  @Override
  public Integer call() throws IOException {
    List<String> texts = DataReader.defaults().withColumns(unlabeledField, "label").read(unlabeled)
        .stream().map(LabeledText::text).toList();
    if (texts.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value '" + unlabeled + "' for option '--unlabeled': the file holds no texts");
    }
    return tuning.run(spec, model, texts);
  }
}

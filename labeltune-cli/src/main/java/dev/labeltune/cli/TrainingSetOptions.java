package dev.labeltune.cli;

import dev.labeltune.classify.LabelSet;
import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.eval.FewShotSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The training examples of 'tune', 'distill', 'finetune' and 'ytune', and the wording of their labels. */
final class TrainingSetOptions {
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

  /**
   * The examples read, with labels indexed in order of first appearance.
   *
   * @param labels label names by index
   * @param texts example texts
   * @param y each example's label index
   * @param wording the template and verbalizations of the labels
   */
  record TrainingSet(List<String> labels, List<String> texts, int[] y, TaskSpec wording) {
    /** @return each label's text, as zero-shot words it @throws IllegalArgumentException for fewer than 2 labels */
    List<String> labelTexts() {
      return LabelSet.of(labels, wording).requireFor(false).texts();
    }
  }

  /**
   * @param spec the command, for usage errors
   * @return the examples, sampled down to --shots per label when given
   */
  List<LabeledText> examples(CommandLine.Model.CommandSpec spec) throws IOException {
    if (shots != null && shots < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + shots + "' for option '--shots': must be at least 1");
    }
    List<LabeledText> examples = new DataReader(textField, labelField, null)
        .readLabeled(train, DataFormat.fromFileName(train));
    return shots == null ? examples : FewShotSampler.sample(examples, shots, seed);
  }

  /** @return the task file's wording, its template replaced by --template when given */
  TaskSpec wording() throws IOException {
    TaskSpec wording = task == null ? TaskSpec.empty() : TaskSpec.read(task);
    if (template != null) {
      wording = new TaskSpec(Optional.of(new HypothesisTemplate(template)), wording.verbalizations(), wording.descriptions());
    }
    return wording;
  }

  /**
   * @param spec the command, for usage errors
   * @return the examples as a single-label training set
   */
  TrainingSet read(CommandLine.Model.CommandSpec spec) throws IOException {
    List<LabeledText> examples = examples(spec);
    List<String> labels = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    int[] y = new int[examples.size()];
    for (int i = 0; i < y.length; i++) {
      List<String> l = examples.get(i).labels();
      if (l.size() != 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Example " + (i + 1) + " of " + train + " has "
            + l.size() + " labels; this command needs exactly one label per example");
      }
      y[i] = index.computeIfAbsent(l.get(0), k -> {
        labels.add(k);
        return labels.size() - 1;
      });
    }
    return new TrainingSet(labels, examples.stream().map(LabeledText::text).toList(), y, wording());
  }
}

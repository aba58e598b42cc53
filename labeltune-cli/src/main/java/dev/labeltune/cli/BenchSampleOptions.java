package dev.labeltune.cli;

import dev.labeltune.classify.LabelSet;
import dev.labeltune.data.LabeledText;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.eval.FewShotSampler;
import dev.labeltune.eval.FewShotTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The dataset, model and few-shot sample of the training-cost benchmarks ('bench finetune', 'bench ytune'). */
final class BenchSampleOptions {
  @Option(names = {"-d", "--data"}, required = true, description = "Dataset directory with train.jsonl and test.jsonl.")
  Path data;

  @Mixin ModelChoice model;

  @Option(names = "--shots", defaultValue = "8", description = "Examples per label (default: ${DEFAULT-VALUE}).")
  int shots;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of sampling and training (default: ${DEFAULT-VALUE}).")
  long seed;

  /**
   * A dataset's few-shot sample and the start of its test split.
   *
   * @param dataset the whole dataset
   * @param shots examples per label
   * @param texts the sampled examples' texts
   * @param y their label indices
   * @param test the first test texts
   */
  record Sample(EvalDataset dataset, int shots, List<String> texts, int[] y, List<String> test) {
    /** @return the labels times the shots, as "77 x 8" */
    String size() {
      return dataset.labels().size() + " x " + shots;
    }

    /** @return each label's text, as zero-shot words it @throws IllegalArgumentException for fewer than 2 labels */
    List<String> labelTexts() {
      return LabelSet.of(dataset.labels(), dataset.spec()).requireFor(false).texts();
    }
  }

  /** @param testCount test texts to keep @return the sample of --shots per label, drawn with --seed */
  Sample load(int testCount) throws IOException {
    EvalDataset dataset = EvalDataset.load(data);
    List<LabeledText> sample = FewShotSampler.sample(dataset.train(), shots, seed);
    int[] y = new FewShotTask(dataset.labels(), sample, dataset.spec(), false, List.of()).labelIndices();
    return new Sample(dataset, shots, sample.stream().map(LabeledText::text).toList(), y,
        dataset.test().stream().map(LabeledText::text).limit(testCount).toList());
  }
}

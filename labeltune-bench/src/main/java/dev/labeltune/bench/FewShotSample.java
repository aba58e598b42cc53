package dev.labeltune.bench;

import dev.labeltune.classify.LabelSet;
import dev.labeltune.data.LabeledText;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.eval.FewShotSampler;
import dev.labeltune.eval.FewShotTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset's few-shot sample and the start of its test split, what the training-cost benchmarks
 * train on and time predictions with.
 *
 * @param dataset the whole dataset
 * @param shots examples per label
 * @param texts the sampled examples' texts
 * @param y their label indices
 * @param test the first test texts
 */
public record FewShotSample(EvalDataset dataset, int shots, List<String> texts, int[] y, List<String> test) {

  /**
   * @param data a dataset directory with train.jsonl and test.jsonl
   * @param shots examples per label
   * @param seed seed of the sample
   * @param testCount test texts to keep
   * @return the sample
   * @throws IOException if the dataset cannot be read
   */
  public static FewShotSample draw(Path data, int shots, long seed, int testCount) throws IOException {
    EvalDataset dataset = EvalDataset.load(data);
    List<LabeledText> sample = FewShotSampler.sample(dataset.train(), shots, seed);
    int[] y = new FewShotTask(dataset.labels(), sample, dataset.spec(), false, List.of()).labelIndices();
    return new FewShotSample(dataset, shots, sample.stream().map(LabeledText::text).toList(), y,
        dataset.test().stream().map(LabeledText::text).limit(testCount).toList());
  }

  /** @return the labels times the shots, as "77 x 8" */
  public String size() {
    return dataset.labels().size() + " x " + shots;
  }

  /** @return each label's text, as zero-shot words it @throws IllegalArgumentException for fewer than 2 labels */
  public List<String> labelTexts() {
    return LabelSet.of(dataset.labels(), dataset.spec()).requireFor(false).texts();
  }
}

package dev.labeltune.cli;

import dev.labeltune.bench.FewShotSample;
import java.io.IOException;
import java.nio.file.Path;
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

  /** @param testCount test texts to keep @return the sample of --shots per label, drawn with --seed */
  FewShotSample load(int testCount) throws IOException {
    return FewShotSample.draw(data, shots, seed, testCount);
  }
}

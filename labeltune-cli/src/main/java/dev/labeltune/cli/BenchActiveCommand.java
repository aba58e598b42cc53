package dev.labeltune.cli;

import dev.labeltune.active.SelectionStrategy;
import dev.labeltune.bench.ActiveLearningBench;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Simulates active few-shot learning with every selection strategy on labeled datasets. */
@Command(name = "active", description = {
    "Active-learning simulation: from zero labels, each round a strategy picks --batch texts of the train split "
        + "(the pool), they get their gold labels, the default label tuner retrains over all labels, and the test "
        + "split's macro-F1 is taken; --rounds rounds, --seeds seeds, every strategy side by side.",
    "Prints per dataset the area under the learning curve (mean macro-F1 from 0 labels to the last round), the "
        + "macro-F1 at 16, 32 and 64 labels, the paired difference of the area to random, and the seconds per round "
        + "of selection and tuning; then the areas averaged over the datasets."})
final class BenchActiveCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", description = "Dataset directories (train.jsonl is the pool, test.jsonl is scored).")
  List<Path> datasets;

  @Mixin ModelChoice model;

  @Option(names = "--strategies", split = ",", converter = SuggestCommand.StrategyConverter.class,
      defaultValue = "random,margin,entropy,least-confidence,kmeans,kmeans-margin",
      description = "Strategies to compare (default: ${DEFAULT-VALUE}).")
  List<SelectionStrategy> strategies;

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds 0..n-1 per strategy (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--batch", defaultValue = "8", description = "Texts labeled per round (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--rounds", defaultValue = "8", description = "Rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--pool-size", defaultValue = "0",
      description = "Texts of the train split in the pool, drawn with seed 0; 0 takes all (default: ${DEFAULT-VALUE}).")
  int poolSize;

  @Option(names = "--test-size", defaultValue = "0",
      description = "Texts of the test split scored, drawn with seed 0; 0 takes all (default: ${DEFAULT-VALUE}).")
  int testSize;

  @Option(names = "--json", description = "Also print one JSON line per curve.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ActiveLearningBench bench;
    try {
      bench = new ActiveLearningBench(model.name(), strategies, seeds, batch, rounds, poolSize, testSize, json);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    bench.run(datasets, spec.commandLine().getOut(), Progress::start);
    return 0;
  }
}

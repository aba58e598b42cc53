package dev.labeltune.cli;

import dev.labeltune.bench.FewShotSample;
import dev.labeltune.bench.YTuneCost;
import dev.labeltune.torch.ytuning.YTuningOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures Y-Tuning's training cost and how its prediction cost grows with the number of labels. */
@Command(name = "ytune", description = {
    "Y-Tuning costs on one dataset, two Markdown tables:",
    "training: --epochs epochs on --shots examples per label (nothing held out), token features "
        + "computed once; time per epoch, peak resident memory of the process, trained values; prediction: "
        + "texts/s of a Y-tuned head against a label-tuned head (one encoder pass and K dot products) for "
        + "every --labels count, on the same test texts, embedding cache off. Run one dataset per process: "
        + "the peak memory is the process's."})
final class BenchYtuneCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin YTuneFlags flags;
  @Mixin TrainingFlags training;

  @Mixin BenchSampleOptions sampling;

  @Option(names = "--labels", split = ",", defaultValue = "2,10,100", description = "Label counts of the prediction table (default: ${DEFAULT-VALUE}).")
  List<Integer> labelCounts;

  @Option(names = "--count", defaultValue = "512", description = "Test texts per throughput measurement (default: ${DEFAULT-VALUE}).")
  int count;

  @Override
  public Integer call() throws IOException {
    FewShotSample sample = sampling.load(count);
    YTuningOptions options = flags.options(spec, training, sampling.seed).toBuilder().validationFraction(0).build();
    new YTuneCost(sampling.model.name(), sample, labelCounts).run(options, spec.commandLine().getOut());
    return 0;
  }
}

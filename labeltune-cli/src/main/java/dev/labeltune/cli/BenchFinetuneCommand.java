package dev.labeltune.cli;

import dev.labeltune.bench.FewShotSample;
import dev.labeltune.bench.FineTuneCost;
import dev.labeltune.torch.finetune.FineTuneOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures fine-tuning cost and the exported model's prediction speed on one dataset. */
@Command(name = "finetune", description = {
    "Fine-tune on --shots examples per label of a dataset's train split and print one Markdown row:",
    "training time per epoch, peak resident memory of the process, trainable parameters, and the "
        + "prediction throughput (sentences/s, batch 32, cache off) of the exported model on ONNX Runtime "
        + "beside the pre-trained model's and the DJL network's. Run one dataset per process: the peak "
        + "memory is the process's."})
final class BenchFinetuneCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin FineTuneFlags flags;
  @Mixin TrainingFlags training;

  @Mixin BenchSampleOptions sampling;

  @Option(names = "--count", defaultValue = "1024", description = "Test texts encoded per throughput measurement (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--header", description = "Print the table header first.")
  boolean header;

  @Override
  public Integer call() throws IOException {
    FewShotSample sample = sampling.load(count);
    FineTuneOptions options = flags.options(spec, training, FineTuneCost.MAX_LENGTH, sampling.seed);
    try (Progress progress = Progress.start("fine-tuning", 1)) {
      new FineTuneCost(sampling.model.name(), sample, header).run(FineTuneFlags.tuner(options, progress),
          spec.commandLine().getOut());
    }
    return 0;
  }
}

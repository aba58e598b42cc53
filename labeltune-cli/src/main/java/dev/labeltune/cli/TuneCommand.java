package dev.labeltune.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Trains a task head by label tuning and saves it. */
@Command(name = "tune", description = {
    "Train a task head from labeled examples by label tuning, and save it.",
    "Examples with several labels make a multi-label head. Prints the main label-tuning configuration and the "
        + "cross-validated F1 next to zero-shot's."})
final class TuneCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin TuneOptions tuning;

  @Override
  public Integer call() throws IOException {
    return tuning.run(spec, model, List.of());
  }
}

package dev.labeltune.cli;

import dev.labeltune.encoder.BuiltinModel;
import dev.labeltune.encoder.ModelRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Lists the built-in models. */
@Command(name = "models", description = "List the built-in encoders and whether their jars are available.")
final class ModelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-20s %-9s %-7s %-10s %-8s %s%n", "NAME", "AVAILABLE", "POOLING", "NORMALIZED", "MAX-LEN", "DESCRIPTION");
    for (BuiltinModel m : ModelRegistry.builtins()) {
      out.printf("%-20s %-9s %-7s %-10s %-8d %s%n", m.name(), m.isAvailable() ? "yes" : "no",
          m.config().pooling().name().toLowerCase(Locale.ROOT), m.config().normalize() ? "yes" : "no",
          m.config().maxLength(), m.description());
    }
    out.println();
    if (ModelRegistry.builtins().stream().anyMatch(m -> !m.isAvailable())) {
      out.println("A built-in model marked 'no' is fetched by ./labeltune the first time a command names it "
          + "(--model NAME); in your own build, add its Maven dependency.");
    }
    out.println("Any other model: a directory with model.onnx, tokenizer.json and optionally "
        + ModelRegistry.CONFIG_FILE + ".");
    out.flush();
    return 0;
  }
}

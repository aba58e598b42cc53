package dev.labeltune.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code labeltune spark} as help lists it. The Spark jobs need Spark's class path, which this jar
 * does not carry: the {@code ./labeltune} launcher runs them from the labeltune-spark module, and a
 * cluster runs them with spark-submit; reaching this class means neither did.
 */
@Command(name = "spark", description = "Classify or embed a corpus on Apache Spark (local or a cluster), or distill a "
    + "head from one; './labeltune spark --help' lists its commands.")
final class SparkCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", hidden = true)
  List<String> args;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("labeltune: 'spark' runs on the labeltune-spark module's class path: run it "
        + "through the ./labeltune launcher (./labeltune spark --help), or submit labeltune-spark.jar with spark-submit "
        + "(README, 'Spark')");
    return 1;
  }
}

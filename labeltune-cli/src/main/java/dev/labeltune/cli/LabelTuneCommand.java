package dev.labeltune.cli;

import dev.labeltune.LabelTuneException;
import dev.labeltune.encoder.OnnxEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code labeltune} command: zero-shot and few-shot text classification with label tuning. */
@Command(name = "labeltune", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    version = "labeltune 0.1.0",
    description = "Zero-shot and few-shot text classification with Siamese sentence encoders and label tuning.")
public final class LabelTuneCommand implements Runnable {
  /**
   * The subcommands in the order help lists them. Picocli builds a command's whole model (and runs
   * its classes' static initializers) when it is registered: registering only the one a command
   * line names takes about 0.4 s off every short command.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();
  /** Commands that never open a model. */
  private static final Set<String> NO_MODEL = Set.of("models", "help", "store", "spark", "cache");

  static {
    SUBCOMMANDS.put("models", ModelsCommand::new);
    SUBCOMMANDS.put("zero-shot", ZeroShotCommand::new);
    SUBCOMMANDS.put("tune", TuneCommand::new);
    SUBCOMMANDS.put("distill", DistillCommand::new);
    SUBCOMMANDS.put("finetune", FinetuneCommand::new);
    SUBCOMMANDS.put("setfit", SetfitCommand::new);
    SUBCOMMANDS.put("ytune", YtuneCommand::new);
    SUBCOMMANDS.put("predict", PredictCommand::new);
    SUBCOMMANDS.put("suggest", SuggestCommand::new);
    SUBCOMMANDS.put("eval", EvalCommand::new);
    SUBCOMMANDS.put("demo", DemoCommand::new);
    SUBCOMMANDS.put("serve", ServeCommand::new);
    SUBCOMMANDS.put("store", StoreCommand::new);
    SUBCOMMANDS.put("spark", SparkCommand::new);
    SUBCOMMANDS.put("cache", CacheCommand::new);
    SUBCOMMANDS.put("bench", BenchCommand::new);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
      description = "No progress on standard error (a bar on a terminal, else a line every few seconds).")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and returns its exit code: 0 on success, 2 for bad usage or input, 1 for
   * failures of models, data or I/O.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    Progress.quiet = Arrays.asList(args).contains("--quiet") || Arrays.asList(args).contains("-q");
    CommandLine cli = new CommandLine(new LabelTuneCommand());
    String named = Arrays.stream(args).filter(SUBCOMMANDS::containsKey).findFirst().orElse("help");
    // Help and usage errors list every command; a command line that names one needs only that one.
    SUBCOMMANDS.forEach((name, command) -> {
      if (named.equals("help") || name.equals(named)) {
        cli.addSubcommand(name, command.get());
      }
    });
    cli.setOut(out);
    cli.setErr(err);
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cli.setExecutionStrategy(parsed -> {
      // Commands that open a model load the runtime while they read their input.
      if (!NO_MODEL.contains(named) && !parsed.isUsageHelpRequested()
          && parsed.subcommands().stream().noneMatch(CommandLine.ParseResult::isUsageHelpRequested)) {
        OnnxEncoder.prewarm();
      }
      return run.execute(parsed);
    });
    // A usage error is one line naming the problem and where help is, not the whole usage text.
    cli.setParameterExceptionHandler((ex, args2) -> {
      CommandLine failed = ex.getCommandLine();
      failed.getErr().println("labeltune: " + ex.getMessage());
      failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      failed.getErr().flush();
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean verbose = parseResult.hasMatchedOption("--verbose")
          || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
      if (verbose) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().println("labeltune: " + message(ex));
      commandLine.getErr().flush();
      return ex instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli.execute(args);
  }

  private static String message(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException nsf) {
      return "No such file: " + nsf.getFile() + (nsf.getReason() == null ? "" : " (" + nsf.getReason() + ")");
    }
    if (ex instanceof LabelTuneException || ex instanceof IllegalArgumentException || ex instanceof IOException
        || ex instanceof UnsupportedOperationException) {
      return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }
    return ex.toString();
  }

  /**
   * Entry point.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    int code = execute(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}

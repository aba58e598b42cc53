package dev.labeltune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabeledText;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.eval.ClassificationMethod;
import dev.labeltune.eval.DistillationMethod;
import dev.labeltune.eval.EvalDataset;
import dev.labeltune.eval.Evaluation;
import dev.labeltune.eval.EvaluationReport;
import dev.labeltune.eval.LabelTuningMethod;
import dev.labeltune.eval.LogisticRegressionMethod;
import dev.labeltune.eval.PrototypeMethod;
import dev.labeltune.eval.SeedResult;
import dev.labeltune.eval.ZeroShotMethod;
import dev.labeltune.torch.finetune.FineTuneMethod;
import dev.labeltune.torch.finetune.FineTuneOptions;
import dev.labeltune.torch.setfit.SetFitMethod;
import dev.labeltune.torch.setfit.SetFitOptions;
import dev.labeltune.torch.setfit.SetFitTuner;
import dev.labeltune.torch.ytuning.YTuner;
import dev.labeltune.torch.ytuning.YTuningMethod;
import dev.labeltune.tuning.LabelTunerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Runs the few-shot evaluation protocol of one method on one dataset directory. */
@Command(name = "eval", description = {
    "Evaluate methods with the few-shot protocol.",
    "For each seed, sample --shots examples per label from DIR/train.jsonl, fit, predict all of "
        + "DIR/test.jsonl; report mean and std of accuracy and macro-F1 (%%). Texts are truncated at 128 "
        + "tokens unless --max-length is given, as in the reference protocol."})
final class EvalCommand implements Callable<Integer> {
  /** Methods this command can evaluate. */
  static final List<String> METHODS = List.of("zero-shot", "prototype", "logreg", "lt", "lt-paper", "lt-kd", "ft", "ytune",
      "setfit", "setfit-lt");
  private static final List<String> TEACHERS = List.of("lt", "logreg", "ft");
  private static final int PROTOCOL_MAX_LENGTH = 128;
  private static final int EMBED_CHUNK = 512;
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelOptions model;
  @Mixin FineTuneFlags fineTuning;
  @Mixin YTuneFlags yTuning;
  @Mixin TrainingFlags training;

  @Option(names = {"-d", "--data"}, required = true, description = "Dataset directory with train.jsonl, test.jsonl and optionally task.json.")
  Path data;

  @Option(names = "--method", defaultValue = "zero-shot", split = ",", completionCandidates = MethodCandidates.class,
      description = {"Methods, comma-separated, run one after the other on the same embeddings: ${COMPLETION-CANDIDATES}",
          "(default: ${DEFAULT-VALUE}). With --json each prints its JSON line, the last method's last."})
  List<String> methods;

  @Option(names = "--teacher", defaultValue = "lt", description = "Teacher of lt-kd: lt, logreg or ft (default: ${DEFAULT-VALUE}).")
  String teacher;

  @Option(names = "--pool-size", defaultValue = "5000",
      description = "Unlabeled train texts (outside the sampled shots) lt-kd distills on (default: ${DEFAULT-VALUE}).")
  int poolSize;

  @Option(names = "--shots", defaultValue = "8", split = ",",
      description = "Examples per label sampled for each seed; several, comma-separated, run one after the other on the same "
          + "test embeddings (default: ${DEFAULT-VALUE}).")
  List<Integer> shots;

  @Option(names = "--seeds", defaultValue = "5", description = "Number of seeds, 0 .. N-1 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = {"-t", "--template"}, description = "Hypothesis template with one {}; overrides task.json's.")
  String template;

  @Option(names = "--json", description = "End standard output with one JSON line holding the report.")
  boolean json;

  static final class MethodCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return METHODS.iterator();
    }
  }

  @Override
  public Integer call() throws IOException {
    for (String method : methods) {
      if (!METHODS.contains(method)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Invalid value '" + method + "' for option '--method': expected one of " + METHODS);
      }
    }
    if (!TEACHERS.contains(teacher)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value '" + teacher + "' for option '--teacher': expected one of " + TEACHERS);
    }
    if (poolSize < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + poolSize + "' for option '--pool-size': must not be negative");
    }
    for (int n : shots) {
      if (n < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + n + "' for option '--shots': must be at least 1");
      }
    }
    if (seeds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value '" + seeds + "' for option '--seeds': must be at least 1");
    }
    Optional<HypothesisTemplate> override = Optional.ofNullable(template).map(HypothesisTemplate::new);
    EvalDataset dataset = EvalDataset.load(data);
    var runtime = model.runtime();
    runtime = runtime.withMaxLength(model.maxLength == 0 ? PROTOCOL_MAX_LENGTH : model.maxLength)
        .withCacheSize(Math.max(model.cacheSize, dataset.test().size() + dataset.train().size() + 2 * dataset.labels().size()));
    PrintWriter out = spec.commandLine().getOut();
    boolean fineTunes = methods.contains("ft") || methods.contains("lt-kd") && teacher.equals("ft");
    FineTuneOptions ftOptions = fineTuning.options(spec, training, runtime.maxLength(), 0);
    boolean setFits = methods.contains("setfit") || methods.contains("setfit-lt");
    try (OnnxEncoder encoder = ModelRegistry.load(model.name(), runtime);
        Progress ftProgress = fineTunes ? Progress.start("fine-tuning", 1) : null;
        Progress setFitProgress = setFits ? Progress.start("setfit", 1) : null) {
      ZeroShotMethod zeroShot = new ZeroShotMethod(encoder, override);
      YTuningMethod ytune = methods.contains("ytune")
          ? new YTuningMethod(encoder, zeroShot, new YTuner(yTuning.options(spec, training, 0))) : null;
      FineTuneMethod ft = fineTunes ? new FineTuneMethod(ModelRegistry.files(model.name()), zeroShot,
          FineTuneFlags.tuner(ftOptions, ftProgress), runtime.withCacheSize(0)) : null;
      SetFitMethod setFit = setFits ? new SetFitMethod(ModelRegistry.files(model.name()),
          FineTuneFlags.reporting(new SetFitTuner(TrainingFlags.build(spec, "SetFit",
              training.apply(SetFitOptions.builder(), 0).maxLength(runtime.maxLength())::build)), setFitProgress), runtime.withCacheSize(0)) : null;
      double encodePerSecond = embedTestSplit(encoder, dataset);
      for (int n : shots) {
        for (String name : methods) {
          ClassificationMethod m = switch (name) {
            case "ytune" -> ytune;
            case "setfit" -> setFit;
            case "setfit-lt" -> setFit.labelTuned();
            default -> method(name, encoder, zeroShot, teacher, ft);
          };
          EvaluationReport report = run(m, encoder.info().name(), dataset, n, name.equals("lt-kd") ? poolSize : 0);
          print(out, report, encodePerSecond);
          if (json) {
            Map<String, Object> fields = report.toMap();
            fields.put("encode_per_second", Math.round(encodePerSecond * 100.0) / 100.0);
            out.println(JSON.writeValueAsString(fields));
          }
          out.flush();
        }
      }
    }
    return 0;
  }

  /**
   * Embeds the test split once, before any method runs, so that this phase has its own progress and
   * every frozen-encoder method's {@code predict_per_second} measures the same thing: prediction
   * with the test embeddings already computed.
   *
   * @return test texts embedded per second by the frozen encoder
   */
  private static double embedTestSplit(OnnxEncoder encoder, EvalDataset dataset) {
    List<String> texts = dataset.test().stream().map(LabeledText::text).toList();
    long t0 = System.nanoTime();
    try (Progress progress = Progress.start("embedding the test split of " + dataset.name(), texts.size())) {
      for (int start = 0; start < texts.size(); start += EMBED_CHUNK) {
        int end = Math.min(texts.size(), start + EMBED_CHUNK);
        encoder.embedBatch(texts.subList(start, end));
        progress.stepTo(end);
      }
    }
    return texts.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private EvaluationReport run(ClassificationMethod m, String modelName, EvalDataset dataset, int shots, int pool) {
    try (Progress progress = Progress.start(m.name() + " " + dataset.name(), (long) seeds * dataset.test().size())) {
      return Evaluation.run(m, modelName, dataset, shots, seeds, pool, new Evaluation.Listener() {
        private long base;
        private String seedName = "";

        @Override
        public void seedStarted(long seed, int index, int count) {
          base = (long) index * dataset.test().size();
          seedName = "seed " + (index + 1) + "/" + count;
          progress.message(seedName + ": fitting");
        }

        @Override
        public void fitted(long seed, double seconds) {
          progress.message(String.format("%s: predicting (fitted in %.1fs)", seedName, seconds));
        }

        @Override
        public void predicted(int done, int total) {
          progress.stepTo(base + done);
        }
      });
    }
  }

  static ClassificationMethod method(String name, OnnxEncoder encoder, ZeroShotMethod zeroShot, String teacher,
      FineTuneMethod ft) {
    return switch (name) {
      case "zero-shot" -> zeroShot;
      case "prototype" -> new PrototypeMethod(encoder, zeroShot);
      case "logreg" -> new LogisticRegressionMethod(encoder);
      case "lt" -> new LabelTuningMethod("lt", encoder, zeroShot, LabelTunerOptions.defaults());
      case "lt-paper" -> new LabelTuningMethod("lt-paper", encoder, zeroShot, LabelTunerOptions.paper());
      case "lt-kd" -> new DistillationMethod(encoder, method(teacher, encoder, zeroShot, teacher, ft), zeroShot,
          LabelTunerOptions.defaults());
      case "ft" -> Objects.requireNonNull(ft, "ft");
      default -> throw new IllegalArgumentException("Unknown method '" + name + "': expected one of " + METHODS);
    };
  }

  private static void print(PrintWriter out, EvaluationReport r, double encodePerSecond) {
    out.printf("%s on %s with %s, %d shots, %d test texts%n", r.method(), r.dataset(), r.model(), r.shots(), r.testSize());
    for (SeedResult s : r.seeds()) {
      out.printf("  seed %d: accuracy %.2f  macro-F1 %.2f  fit %.2fs  predict %.2fs%n", s.seed(), s.accuracy(),
          s.macroF1(), s.fitSeconds(), s.predictSeconds());
    }
    out.printf("accuracy %.2f +/- %.2f  macro-F1 %.2f +/- %.2f  fit %.2fs  predict %.0f texts/s"
        + " (test embeddings precomputed at %.0f texts/s)%n", r.accuracy(), r.accuracyStd(), r.macroF1(),
        r.macroF1Std(), r.fitSeconds(), r.predictPerSecond(), encodePerSecond);
  }
}

package dev.labeltune.server.service;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.HypothesisTemplate;
import dev.labeltune.classify.LabelNames;
import dev.labeltune.classify.LabelSpec;
import dev.labeltune.classify.Prediction;
import dev.labeltune.classify.ScoringOptions;
import dev.labeltune.classify.TaskSpec;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.Texts;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.encoder.EncoderInfo;
import dev.labeltune.encoder.TextEmbeddings;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.server.store.StoreRecords.Example;
import dev.labeltune.server.store.StoreRecords.HeadVersion;
import dev.labeltune.server.store.StoreRecords.Job;
import dev.labeltune.server.store.StoreRecords.Label;
import dev.labeltune.server.store.StoreRecords.Task;
import dev.labeltune.server.store.TaskStore;
import dev.labeltune.tuning.LabelTunerOptions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of tasks: creating one makes a zero-shot head at once; examples are checked against the
 * task's labels and stored all or nothing; tuning runs as a background job on one named thread and,
 * when done, stores a new head version and makes it active in one step; classification encodes each
 * text once (through the {@link EncodingBatcher}) and scores it with every asked task's head.
 */
public final class TaskService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);
  private static final com.fasterxml.jackson.databind.ObjectMapper REPORT_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final int MIN_EXAMPLES_PER_LABEL = 2;
  private static final int MAX_TASK_LABELS = 1000;
  private static final String INTERRUPTED = "The server shut down while this job ran; the task kept its previous head";

  private final TaskStore store;
  private final Encoder encoder;
  private final EncodingBatcher batcher;
  private final ActiveHeads heads;
  private final HeadLimits limits = HeadLimits.defaults();
  private final SecureRandom random = new SecureRandom();
  private final ThreadPoolExecutor jobs;
  private volatile boolean closing;

  /**
   * @param store the task store
   * @param encoder the shared encoder
   * @param batcher the batcher in front of the encoder
   * @param heads the active heads, filled by {@link #loadActiveHeads()}
   */
  public TaskService(TaskStore store, Encoder encoder, EncodingBatcher batcher, ActiveHeads heads) {
    this.store = store;
    this.encoder = encoder;
    this.batcher = batcher;
    this.heads = heads;
    this.jobs = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
        DaemonThreads.named("labeltune-tuning"));
  }

  /**
   * Loads every task's active head, checking it against the loaded encoder; a head made for another
   * encoder or unreadable is not served and is reported instead. Jobs a stopped process left running
   * are marked failed; their tasks keep their previous head.
   *
   * @return the number of heads loaded
   */
  public int loadActiveHeads() {
    int failed = store.markUnfinishedJobs("failed", "The server stopped while this job ran; the task kept its previous head");
    if (failed > 0) {
      LOG.warn("{} tuning job(s) were left unfinished by a stopped server and are marked failed", failed);
    }
    EncoderInfo info = encoder.info();
    store.forEachActiveHead(active -> {
      try {
        TaskHead head = TaskHead.fromBytes(active.head(), "task " + active.taskId() + " v" + active.version(), limits);
        if (!head.provenance().encoderFingerprint().equals(info.fingerprint())) {
          String problem = "Task " + active.taskId() + " version " + active.version() + " was made for encoder '"
              + head.provenance().encoderName() + "' (" + head.provenance().encoderFingerprint()
              + "), not the loaded '" + info.name() + "'; it is not served";
          LOG.error(problem);
          heads.problem(problem);
        } else {
          heads.put(active.taskId(), active.tenantId(), head);
        }
      } catch (RuntimeException e) {
        String problem = "Task " + active.taskId() + " version " + active.version() + " is unusable: " + e.getMessage();
        LOG.error(problem);
        heads.problem(problem);
      }
    });
    return heads.size();
  }

  /**
   * @return the new task, with its zero-shot head active
   * @throws ServiceException (invalid) if the labels or template break a rule
   */
  public Task createTask(long tenantId, String name, List<Label> labels, String template, boolean multiLabel) {
    if (labels.size() < (multiLabel ? 1 : 2) || labels.size() > MAX_TASK_LABELS) {
      throw ServiceException.invalid("'labels' must hold between " + (multiLabel ? 1 : 2) + " and "
          + MAX_TASK_LABELS + " labels, found " + labels.size());
    }
    Instant now = Instant.now();
    Task task = new Task(newId("t_"), tenantId, name, template, multiLabel, labels, now, now, 1);
    TaskHead head = zeroShotHead(task);
    store.createTask(task, head.toBytes(limits), meta(head, now));
    heads.put(task.id(), tenantId, head);
    return store.task(tenantId, task.id()).orElseThrow();
  }

  private TaskHead zeroShotHead(Task task) {
    ZeroShotClassifier zeroShot;
    try {
      ZeroShotClassifier.Builder builder = ZeroShotClassifier.builder(encoder);
      for (Label l : task.labels()) {
        builder.label(new LabelSpec(LabelNames.check(l.name()), l.name(), l.text()));
      }
      if (task.template() != null) {
        builder.template(new HypothesisTemplate(task.template()));
      }
      zeroShot = builder.build();
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid(e.getMessage());
    }
    return TaskHead.zeroShot(zeroShot, encoder.info(), task.multiLabel(), Instant.now());
  }

  private static HeadVersion meta(TaskHead head, Instant now) {
    HeadProvenance p = head.provenance();
    return new HeadVersion(0, p.encoderFingerprint(), p.method(), p.cvMacroF1(), p.zeroShotMacroF1(), p.examples(), now);
  }

  /** @return the task @throws ServiceException (not found) if the tenant has no such task */
  public Task task(long tenantId, String taskId) {
    return store.task(tenantId, taskId).orElseThrow(() -> ServiceException.notFound("task", taskId));
  }

  /** @return a page of the tenant's tasks */
  public List<Task> tasks(long tenantId, int offset, int limit) {
    return store.tasks(tenantId, offset, limit);
  }

  /**
   * Renames a task or changes its template; a new template gives a new zero-shot version, made
   * active only while the task is still zero-shot (a tuned head keeps serving until tuned again).
   *
   * @return the task as it is now
   */
  public Task update(long tenantId, String taskId, String name, String template, boolean templateGiven) {
    Task old = task(tenantId, taskId);
    String newTemplate = templateGiven ? template : old.template();
    Task updated = store.updateTask(tenantId, taskId, name == null ? old.name() : name, newTemplate)
        .orElseThrow(() -> ServiceException.notFound("task", taskId));
    if (templateGiven && !java.util.Objects.equals(template, old.template())) {
      TaskHead head = zeroShotHead(updated);
      boolean zeroShotActive = heads.get(taskId).map(h -> h.provenance().method().equals("zero-shot")).orElse(true);
      store.addVersion(taskId, head.toBytes(limits), meta(head, Instant.now()), zeroShotActive);
      if (zeroShotActive) {
        heads.put(taskId, tenantId, head);
      }
    }
    return task(tenantId, taskId);
  }

  /** Deletes a task with its examples, versions and jobs. */
  public void delete(long tenantId, String taskId) {
    if (!store.deleteTask(tenantId, taskId)) {
      throw ServiceException.notFound("task", taskId);
    }
    heads.remove(taskId);
  }

  /**
   * Stores examples after checking every one: nothing of the batch is stored if any is wrong.
   *
   * @return the stored examples
   * @throws ServiceException (invalid) naming the first unknown label or bad text, with its index
   */
  public List<Example> addExamples(long tenantId, String taskId, List<LabeledText> examples) {
    Task task = task(tenantId, taskId);
    List<String> known = task.labelNames();
    List<String> texts = new ArrayList<>(examples.size());
    List<List<String>> labels = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      LabeledText e = examples.get(i);
      if (!Texts.hasVisibleContent(e.text())) {
        throw ServiceException.invalid("Example " + i + ": the text is blank");
      }
      if (e.labels().isEmpty() || (!task.multiLabel() && e.labels().size() != 1)) {
        throw ServiceException.invalid("Example " + i + ": a " + (task.multiLabel() ? "multi-label task needs "
            + "at least one label" : "single-label task needs exactly one label") + ", found " + e.labels());
      }
      for (String l : e.labels()) {
        if (!known.contains(l)) {
          throw ServiceException.invalid("Example " + i + ": unknown label " + Texts.quote(l) + "; the task's labels are "
              + known);
        }
      }
      texts.add(e.text());
      labels.add(e.labels());
    }
    return store.addExamples(taskId, texts, labels);
  }

  /** @return a page of the task's examples */
  public List<Example> examples(long tenantId, String taskId, long afterId, int limit) {
    task(tenantId, taskId);
    return store.examples(taskId, afterId, limit);
  }

  /** Deletes one example. */
  public void deleteExample(long tenantId, String taskId, long exampleId) {
    task(tenantId, taskId);
    if (!store.deleteExample(taskId, exampleId)) {
      throw ServiceException.notFound("example", Long.toString(exampleId));
    }
  }

  /**
   * Queues a tuning job on the task's stored examples.
   *
   * @return the queued job
   * @throws ServiceException invalid if a label has fewer than two examples, busy if too many jobs wait
   */
  public Job tune(long tenantId, String taskId) {
    Task task = task(tenantId, taskId);
    List<LabeledText> examples = allExamples(taskId);
    Map<String, Integer> counts = new LinkedHashMap<>();
    task.labelNames().forEach(l -> counts.put(l, 0));
    examples.forEach(e -> e.labels().forEach(l -> counts.merge(l, 1, Integer::sum)));
    List<String> short_ = counts.entrySet().stream().filter(e -> e.getValue() < MIN_EXAMPLES_PER_LABEL)
        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    if (!short_.isEmpty()) {
      throw ServiceException.invalid("Tuning needs at least " + MIN_EXAMPLES_PER_LABEL
          + " examples of every label; too few for " + short_);
    }
    Job job = new Job(newId("j_"), taskId, "queued", 0, null, null, Double.NaN, Double.NaN, Instant.now(), null, null);
    store.createJob(job);
    try {
      jobs.execute(() -> runJob(task, examples, job));
    } catch (RejectedExecutionException e) {
      store.updateJob(finished(job, "failed", "Too many tuning jobs are waiting", null, Double.NaN, Double.NaN));
      throw ServiceException.busy("too_many_jobs", "Too many tuning jobs are waiting; retry later");
    }
    return job;
  }

  private List<LabeledText> allExamples(String taskId) {
    List<LabeledText> out = new ArrayList<>();
    long after = 0;
    List<Example> page;
    while (!(page = store.examples(taskId, after, 1000)).isEmpty()) {
      for (Example e : page) {
        out.add(new LabeledText(e.text(), e.labels()));
      }
      after = page.get(page.size() - 1).id();
    }
    return out;
  }

  private void runJob(Task task, List<LabeledText> examples, Job queued) {
    Job running = new Job(queued.id(), queued.taskId(), "running", 0, null, null, Double.NaN, Double.NaN,
        queued.created(), null, null);
    store.updateJob(running);
    long[] lastWrite = {System.nanoTime()};
    try {
      Map<String, String> descriptions = new HashMap<>();
      task.labels().stream().filter(l -> l.text() != null).forEach(l -> descriptions.put(l.name(), l.text()));
      TaskSpec spec = new TaskSpec(Optional.ofNullable(task.template()).map(HypothesisTemplate::new), Map.of(),
          descriptions);
      HeadTrainer.Trained trained = new HeadTrainer(encoder, LabelTunerOptions.defaults()).withProgress((done, total) -> {
        if (System.nanoTime() - lastWrite[0] > 500_000_000L) {
          lastWrite[0] = System.nanoTime();
          store.updateJob(new Job(running.id(), running.taskId(), "running", (double) done / total, null, null,
              Double.NaN, Double.NaN, running.created(), null, null));
        }
      }).trainWithReport(examples, spec);
      TaskHead head = trained.head();
      if (closing) {
        throw new IllegalStateException("The server shut down before the job could store its head");
      }
      HeadProvenance p = head.provenance();
      int version = store.addVersion(task.id(), head.toBytes(limits), meta(head, Instant.now()), true);
      heads.put(task.id(), task.tenantId(), head);
      store.updateJob(finished(running, "succeeded", null, version, p.cvMacroF1(), p.zeroShotMacroF1())
          .withReport(trained.report().map(TaskService::reportJson).orElse(null)));
    } catch (RuntimeException e) {
      if (closing) {
        store.updateJob(finished(running, "interrupted", INTERRUPTED, null, Double.NaN, Double.NaN));
      } else {
        LOG.warn("Tuning job {} of task {} failed: {}", running.id(), task.id(), e.getMessage());
        store.updateJob(finished(running, "failed", e.getMessage(), null, Double.NaN, Double.NaN));
      }
    }
  }

  private static Job finished(Job job, String state, String message, Integer version, double cv, double zs) {
    return new Job(job.id(), job.taskId(), state, state.equals("succeeded") ? 1 : job.progress(), message, version,
        cv, zs, job.created(), Instant.now(), null);
  }

  /** The report as stored: labels, then per candidate its macro-F1, per-label scores and confusion matrix. */
  private static String reportJson(HeadTrainer.CrossValidationReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", report.tuned().labels());
    out.put("tuned", metricsJson(report.tuned()));
    out.put("zero_shot", metricsJson(report.zeroShot()));
    try {
      return REPORT_JSON.writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A report of numbers and names is always JSON", e);
    }
  }

  private static Map<String, Object> metricsJson(ClassificationMetrics m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("macro_f1", 100 * m.macroF1());
    out.put("accuracy", 100 * m.accuracy());
    out.put("per_label", m.perClass().stream().map(c -> Map.of("label", c.label(), "f1", 100 * c.f1(),
        "precision", 100 * c.precision(), "recall", 100 * c.recall(), "support", c.support())).toList());
    out.put("confusion", m.confusion());
    return out;
  }

  /** @return the job @throws ServiceException (not found) if it is not one of the tenant's */
  public Job job(long tenantId, String jobId) {
    return store.job(tenantId, jobId).orElseThrow(() -> ServiceException.notFound("job", jobId));
  }

  /** @return the task's head versions */
  public List<HeadVersion> versions(long tenantId, String taskId) {
    task(tenantId, taskId);
    return store.versions(taskId);
  }

  /** Makes an older or newer version the active one (a rollback). */
  public Task activate(long tenantId, String taskId, int version) {
    task(tenantId, taskId);
    byte[] bytes = store.head(taskId, version).orElseThrow(() -> ServiceException.notFound("version",
        Integer.toString(version)));
    TaskHead head = bind(bytes, "version " + version);
    store.activate(taskId, version);
    heads.put(taskId, tenantId, head);
    return task(tenantId, taskId);
  }

  /** @return the active head file's bytes */
  public byte[] activeHeadFile(long tenantId, String taskId) {
    Task task = task(tenantId, taskId);
    return store.head(taskId, task.activeVersion()).orElseThrow(() -> ServiceException.notFound("head", taskId));
  }

  /**
   * Stores an uploaded head file as a new active version.
   *
   * @return the new version's number
   * @throws ServiceException a conflict if it was made for another encoder, invalid if it is not a valid head
   */
  public int uploadHead(long tenantId, String taskId, byte[] bytes) {
    task(tenantId, taskId);
    TaskHead head = bind(bytes, "the uploaded head");
    int version = store.addVersion(taskId, bytes, meta(head, Instant.now()), true);
    heads.put(taskId, tenantId, head);
    return version;
  }

  private TaskHead bind(byte[] bytes, String source) {
    TaskHead head;
    try {
      head = TaskHead.fromBytes(bytes, source, limits);
    } catch (IncompatibleHeadException e) {
      throw ServiceException.invalid(e.getMessage());
    }
    EncoderInfo info = encoder.info();
    if (!head.provenance().encoderFingerprint().equals(info.fingerprint())
        || head.provenance().dimension() != info.dimension()) {
      throw ServiceException.conflict("encoder_mismatch", "The head was made for encoder '"
          + head.provenance().encoderName() + "' (" + head.provenance().encoderFingerprint() + "), but this server runs '"
          + info.name() + "' (" + info.fingerprint() + ")");
    }
    return head;
  }

  /**
   * Classifies texts with several tasks, encoding each text once.
   *
   * @param taskIds the tasks, each the tenant's
   * @param texts texts with visible content
   * @param topK labels listed per prediction, 0 for all
   * @param threshold a multi-label threshold replacing the heads' own, or NaN
   * @return per task (in order), one prediction per text (in order)
   */
  public CompletableFuture<List<Classified>> classify(long tenantId, List<String> taskIds, List<String> texts,
      int topK, double threshold) {
    List<TaskHead> chosen = new ArrayList<>(taskIds.size());
    for (String id : taskIds) {
      // Served heads carry their tenant: the hot path reads no database.
      Optional<TaskHead> head = heads.get(tenantId, id);
      if (head.isEmpty()) {
        task(tenantId, id);
        throw ServiceException.conflict("head_unavailable", "Task '" + id
            + "' has no usable head (see /info); upload or tune one");
      }
      chosen.add(head.get());
    }
    for (int i = 0; i < texts.size(); i++) {
      if (!Texts.hasVisibleContent(texts.get(i))) {
        throw ServiceException.invalid("'texts'[" + i + "] is blank; there is nothing to classify");
      }
    }
    return batcher.submit(texts).thenApply(embeddings -> score(chosen, embeddings, topK, threshold));
  }

  /**
   * One task's answers.
   *
   * @param predictions one per text, in order
   * @param multiLabel whether the task's head is multi-label
   */
  public record Classified(List<Prediction> predictions, boolean multiLabel) {}

  private static List<Classified> score(List<TaskHead> chosen, TextEmbeddings embeddings, int topK,
      double threshold) {
    List<Classified> out = new ArrayList<>(chosen.size());
    for (TaskHead head : chosen) {
      List<Prediction> predictions;
      if (head.multiLabel() && !Double.isNaN(threshold)) {
        ScoringOptions scoring = new ScoringOptions(head.temperature(), true, threshold, topK);
        predictions = new ArrayList<>();
        for (float[] v : embeddings.vectors()) {
          predictions.add(scoring.predict(head.labels(), head.scores(v)));
        }
      } else {
        predictions = head.predictBatch(embeddings.vectors(), topK);
      }
      out.add(new Classified(Prediction.withNotes(predictions, embeddings), head.multiLabel()));
    }
    return out;
  }

  private String newId(String prefix) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  /** Stops taking jobs; a job still running is left to the next start-up, which marks it. */
  @Override
  public void close() {
    closing = true;
    jobs.shutdownNow();
    try {
      jobs.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.markUnfinishedJobs("interrupted", INTERRUPTED);
  }
}

package dev.labeltune.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.metrics.ClassificationMetrics;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.JobStore;
import dev.labeltune.tuning.LabelTunerOptions;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tuning jobs: a job is queued on the task's stored examples and runs on one named background thread;
 * when done it stores the new head version and makes it active in one step. A job the server stops
 * during is marked interrupted; one a crashed server left is marked failed at the next start.
 */
public final class TuningService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TuningService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIN_EXAMPLES_PER_LABEL = 2;
  private static final long PROGRESS_WRITE_NANOS = 500_000_000L;
  private static final String INTERRUPTED = "The server shut down while this job ran; the task kept its previous head";

  private final TaskService tasks;
  private final ExampleService examples;
  private final HeadService versions;
  private final JobStore store;
  private final Encoder encoder;
  private final ThreadPoolExecutor runner;
  private final Set<String> unfinished = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  TuningService(TaskService tasks, ExampleService examples, HeadService versions, JobStore store, Encoder encoder) {
    this.tasks = tasks;
    this.examples = examples;
    this.versions = versions;
    this.store = store;
    this.encoder = encoder;
    this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
        DaemonThreads.named("labeltune-tuning"));
  }

  /**
   * Marks jobs that a stopped process left queued or running as failed; their tasks keep their heads.
   * Only for a store no other process shares: there, another process's jobs may still be running.
   */
  void failAbandoned() {
    int failed = store.endUnfinished(JobState.FAILED,
        "The server stopped while this job ran; the task kept its previous head");
    if (failed > 0) {
      LOG.warn("{} tuning job(s) were left unfinished by a stopped server and are marked failed", failed);
    }
  }

  /**
   * Queues a tuning job on the task's stored examples.
   *
   * @return the queued job
   * @throws ServiceException invalid if a label has fewer than two examples, busy if too many jobs wait
   */
  public Job tune(long tenantId, String taskId) {
    Task task = tasks.get(tenantId, taskId);
    List<LabeledText> all = examples.all(taskId);
    Map<String, Integer> counts = new LinkedHashMap<>();
    task.labelNames().forEach(l -> counts.put(l, 0));
    all.forEach(e -> e.labels().forEach(l -> counts.merge(l, 1, Integer::sum)));
    List<String> tooFew = counts.entrySet().stream().filter(e -> e.getValue() < MIN_EXAMPLES_PER_LABEL)
        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    if (!tooFew.isEmpty()) {
      throw ServiceException.of(Kind.UNPROCESSABLE, "Tuning needs at least " + MIN_EXAMPLES_PER_LABEL
          + " examples of every label; too few for " + tooFew);
    }
    if (closing) {
      throw ServiceException.unavailable("The server is shutting down; tune again after it restarts");
    }
    Job job = Job.queued(Ids.next("j_"), taskId, Instant.now());
    store.create(job);
    unfinished.add(job.id());
    try {
      runner.execute(() -> run(task, all, job));
    } catch (RejectedExecutionException e) {
      unfinished.remove(job.id());
      store.update(job.ended(JobState.FAILED, "Too many tuning jobs are waiting", Instant.now()));
      throw ServiceException.busy("too_many_jobs", "Too many tuning jobs are waiting; retry later", 5);
    }
    return job;
  }

  /** @return the job @throws ServiceException (not found) if it is not one of the tenant's */
  public Job get(long tenantId, String jobId) {
    return store.get(tenantId, jobId).orElseThrow(() -> ServiceException.notFound("job", jobId,
        "; POST /v1/tasks/{id}/tune answers with the id of the job it starts"));
  }

  private void run(Task task, List<LabeledText> all, Job queued) {
    try {
      train(task, all, queued);
    } finally {
      unfinished.remove(queued.id());
    }
  }

  private void train(Task task, List<LabeledText> all, Job queued) {
    Job running = queued.running(0);
    store.update(running);
    long[] lastWrite = {System.nanoTime()};
    try {
      Map<String, String> descriptions = new HashMap<>();
      task.labels().stream().filter(l -> l.text() != null).forEach(l -> descriptions.put(l.name(), l.text()));
      TaskSpec spec = new TaskSpec(Optional.ofNullable(task.template()).map(HypothesisTemplate::new), Map.of(),
          descriptions);
      HeadTrainer.Trained trained = new HeadTrainer(encoder, LabelTunerOptions.defaults()).withProgress((done, total) -> {
        if (System.nanoTime() - lastWrite[0] > PROGRESS_WRITE_NANOS) {
          lastWrite[0] = System.nanoTime();
          store.update(running.running((double) done / total));
        }
      }).trainWithReport(all, spec);
      if (closing) {
        throw new IllegalStateException("The server shut down before the job could store its head");
      }
      TaskHead head = trained.head();
      HeadProvenance p = head.provenance();
      int version = versions.publish(task, head);
      store.update(running.succeeded(version, p.cvMacroF1(), p.zeroShotMacroF1(),
          trained.report().map(TuningService::reportJson).orElse(null), Instant.now()));
    } catch (RuntimeException e) {
      if (closing) {
        store.update(running.ended(JobState.INTERRUPTED, INTERRUPTED, Instant.now()));
      } else {
        LOG.warn("Tuning job {} of task {} failed: {}", running.id(), task.id(), e.getMessage());
        store.update(running.ended(JobState.FAILED, e.getMessage(), Instant.now()));
      }
    }
  }

  /** The report as stored: labels, then per candidate its macro-F1, per-label scores and confusion matrix. */
  private static String reportJson(HeadTrainer.CrossValidationReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", report.tuned().labels());
    out.put("tuned", metricsJson(report.tuned()));
    out.put("zero_shot", metricsJson(report.zeroShot()));
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
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

  /** Stops taking jobs; a job still running is marked interrupted, its task keeps its previous head. */
  @Override
  public void close() {
    closing = true;
    runner.shutdownNow();
    try {
      runner.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Only this process's own jobs: others sharing the store may be running theirs.
    for (String id : unfinished) {
      store.interrupt(id, INTERRUPTED);
    }
  }
}

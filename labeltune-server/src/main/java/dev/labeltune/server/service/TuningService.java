package dev.labeltune.server.service;

import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.internal.DaemonThreads;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobClaim;
import dev.labeltune.server.domain.JobKind;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.domain.TuningReport;
import dev.labeltune.server.store.JobStore;
import dev.labeltune.tuning.LabelTuner;
import dev.labeltune.tuning.LabelTunerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tuning jobs, run from a queue in the store that every process sharing it takes from. A job is
 * queued on the task's stored examples; one worker thread per process takes the oldest job under a
 * lease, renews the lease while it trains, and when done stores the new head version, makes it
 * active and marks the job succeeded in one transaction, if it still holds the lease. A process
 * that dies mid-job leaves a lease that runs out: another process takes the job again (up to {@value
 * #MAX_ATTEMPTS} times in all, then it is failed), and the task keeps its previous head meanwhile. A
 * job the server stops during is marked interrupted; on a store no other process shares, jobs a
 * crashed server left are marked failed at the next start. The same queue, leases and publishing
 * make the zero-shot head of a task created with label texts too long to embed before answering
 * (jobs of kind {@code zero-shot}).
 */
public final class TuningService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TuningService.class);
  private static final int MIN_EXAMPLES_PER_LABEL = 2;
  private static final int MAX_QUEUED = 64;
  static final int MAX_ATTEMPTS = 2;
  private static final long POLL_MILLIS = 500;
  private static final String INTERRUPTED = "The server shut down while this job ran; the task kept its previous head";

  private final TaskService tasks;
  private final ExampleService examples;
  private final TaskHeads heads;
  private final JobStore store;
  private final EncodingBatcher batcher;
  private final Duration lease;
  private final String owner = Ids.next("r_");
  private final Object signal = new Object();
  private final ScheduledExecutorService renewals =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("labeltune-job-lease"));
  private final Thread worker = DaemonThreads.named("labeltune-tuning").newThread(this::work);
  private final AtomicReference<Job> current = new AtomicReference<>();
  private volatile boolean closing;

  /**
   * @param lease how long a job's lease lasts unless renewed (renewed every quarter of it)
   */
  TuningService(TaskService tasks, ExampleService examples, TaskHeads heads, JobStore store, EncodingBatcher batcher,
      Duration lease) {
    this.tasks = tasks;
    this.examples = examples;
    this.heads = heads;
    this.store = store;
    this.batcher = batcher;
    this.lease = lease;
  }

  /** Starts taking jobs from the queue. */
  void start() {
    worker.start();
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
    Map<String, Integer> counts = examples.countByLabel(taskId);
    List<String> tooFew = task.labelNames().stream().filter(l -> counts.getOrDefault(l, 0) < MIN_EXAMPLES_PER_LABEL)
        .map(l -> l + " (" + counts.getOrDefault(l, 0) + ")").toList();
    if (!tooFew.isEmpty()) {
      throw ServiceException.of(Kind.UNPROCESSABLE, "Tuning needs at least " + MIN_EXAMPLES_PER_LABEL
          + " examples of every label; too few for " + tooFew);
    }
    if (closing) {
      throw ServiceException.unavailable("The server is shutting down; tune again after it restarts");
    }
    if (store.countQueued() >= MAX_QUEUED) {
      throw ServiceException.busy("too_many_jobs", "Too many tuning jobs are waiting; retry later", 5);
    }
    Job job = Job.queued(Ids.next("j_"), taskId, Instant.now());
    store.create(job);
    synchronized (signal) {
      signal.notifyAll();
    }
    return job;
  }

  /** @return the job @throws ServiceException (not found) if it is not one of the tenant's */
  public Job get(long tenantId, String jobId) {
    return store.get(tenantId, jobId).orElseThrow(() -> ServiceException.notFound("job", jobId,
        "; POST /v1/tasks/{id}/tune answers with the id of the job it starts"));
  }

  private void work() {
    while (!closing) {
      Optional<JobClaim> claim;
      try {
        Instant now = Instant.now();
        claim = store.claim(owner, now, now.plus(lease));
      } catch (RuntimeException e) {
        LOG.warn("Cannot take a tuning job from the store ({}); trying again", e.getMessage());
        claim = Optional.empty();
      }
      if (claim.isPresent()) {
        run(claim.get());
      } else {
        synchronized (signal) {
          try {
            signal.wait(POLL_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  private void run(JobClaim claim) {
    Job running = claim.job();
    if (claim.attempt() > MAX_ATTEMPTS) {
      store.end(running.ended(JobState.FAILED, "The server running this job stopped " + (claim.attempt() - 1)
          + " times while it ran; the task kept its previous head", Instant.now()), owner);
      return;
    }
    current.set(running);
    AtomicBoolean lost = new AtomicBoolean();
    AtomicReference<Double> progress = new AtomicReference<>(0.0);
    long period = Math.max(1, lease.toMillis() / 4);
    ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
      try {
        if (!store.progress(running.id(), owner, progress.get(), Instant.now().plus(lease))) {
          lost.set(true);
        }
      } catch (RuntimeException e) {
        LOG.warn("Cannot renew the lease of job {} ({}); trying again", running.id(), e.getMessage());
      }
    }, 0, period, TimeUnit.MILLISECONDS);
    try {
      Task task = tasks.get(claim.tenantId(), running.taskId());
      TaskHead head;
      TuningReport report;
      if (running.kind() == JobKind.ZERO_SHOT) {
        // A large task's first head; a task tuned meanwhile keeps its tuned head.
        if (task.activeVersion() != null) {
          store.end(running.ended(JobState.SUCCEEDED, "The task had a head already", Instant.now()), owner);
          return;
        }
        head = heads.zeroShot(task);
        report = null;
      } else {
        HeadTrainer.Trained trained = train(task, examples.all(task.id()), new LabelTuner.Progress() {
          @Override
          public void runsDone(int done, int total) {
            progress.set((double) done / total);
          }

          @Override
          public boolean stopRequested() {
            return lost.get() || closing;
          }
        });
        head = trained.head();
        report = trained.report().map(JobReports::of).orElse(null);
      }
      HeadProvenance p = head.provenance();
      Instant now = Instant.now();
      OptionalInt version = store.publish(running.id(), owner, task.id(), heads.bytes(head),
          TaskHeads.describe(head, now), v -> running.succeeded(v, p.cvMacroF1(), p.zeroShotMacroF1(), report, now));
      if (version.isPresent()) {
        heads.served(task, version.getAsInt(), head);
      } else {
        LOG.warn("Job {} was taken over by another server before it ended here; its head is not stored", running.id());
      }
    } catch (RuntimeException e) {
      if (lost.get()) {
        LOG.warn("Job {} was taken over by another server; stopped here", running.id());
      } else if (closing) {
        store.end(running.ended(JobState.INTERRUPTED, INTERRUPTED, Instant.now()), owner);
      } else {
        LOG.warn("Job {} ({}) of task {} failed: {}", running.id(), running.kind().text(), running.taskId(),
            e.getMessage());
        store.end(running.ended(JobState.FAILED, e.getMessage(), Instant.now()), owner);
      }
    } finally {
      renewal.cancel(false);
      current.set(null);
    }
  }

  private HeadTrainer.Trained train(Task task, List<LabeledText> all, LabelTuner.Progress progress) {
    Map<String, String> descriptions = new HashMap<>();
    task.labels().stream().filter(l -> l.text() != null).forEach(l -> descriptions.put(l.name(), l.text()));
    TaskSpec spec = new TaskSpec(Optional.ofNullable(task.template()).map(HypothesisTemplate::new), Map.of(),
        descriptions);
    return new HeadTrainer(batcher.encoder(), LabelTunerOptions.defaults()).withProgress(progress).trainWithReport(all, spec);
  }

  /**
   * Stops taking jobs; a job this process is running is marked interrupted and its task keeps its
   * previous head. Other processes' jobs are left to them.
   */
  @Override
  public void close() {
    closing = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    renewals.shutdownNow();
    Job left = current.get();
    if (left != null) {
      store.end(left.ended(JobState.INTERRUPTED, INTERRUPTED, Instant.now()), owner);
    }
  }
}

package dev.labeltune.server.service;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.LabelTuneException;
import dev.labeltune.classify.LabelSet;
import dev.labeltune.classify.LabelSpec;
import dev.labeltune.data.HypothesisTemplate;
import dev.labeltune.data.LabelNames;
import dev.labeltune.encoder.EncoderInput;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import dev.labeltune.server.domain.ActiveHead;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.Task;
import dev.labeltune.server.store.HeadStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task heads for the loaded encoder: makes zero-shot heads of tasks, reads head files checked against
 * the encoder, stores new versions and serves the active one. Every head that starts serving passes
 * through here, so the store and the heads in memory change together.
 */
final class TaskHeads {
  private static final Logger LOG = LoggerFactory.getLogger(TaskHeads.class);
  private final EncodingBatcher batcher;
  private final HeadStore store;
  private final ActiveHeads active;
  private final HeadLimits limits = HeadLimits.defaults();

  TaskHeads(EncodingBatcher batcher, HeadStore store, ActiveHeads active) {
    this.batcher = batcher;
    this.store = store;
    this.active = active;
  }

  /**
   * @return the task's labels as zero-shot words them
   * @throws ServiceException (invalid) for a bad label, template, or two labels of one text
   */
  LabelSet labelSet(Task task) {
    try {
      LabelSet.Builder builder = LabelSet.builder();
      for (Label l : task.labels()) {
        builder.label(new LabelSpec(LabelNames.check(l.name()), l.name(), l.text()));
      }
      if (task.template() != null) {
        builder.template(new HypothesisTemplate(task.template()));
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw ServiceException.of(Kind.UNPROCESSABLE, e.getMessage());
    }
  }

  /** @return the zero-shot head of the task's labels and template @throws ServiceException (invalid) for a bad label or template */
  TaskHead zeroShot(Task task) {
    LabelSet labels = labelSet(task);
    try {
      return TaskHead.zeroShot(batcher.encoder(), labels, task.multiLabel(), Instant.now());
    } catch (IllegalArgumentException e) {
      throw ServiceException.of(Kind.UNPROCESSABLE, e.getMessage());
    }
  }

  /**
   * @return about how many tokens the label texts come to ({@link EncoderInput#estimateTokens}): what
   *     embedding them before answering would cost
   */
  long labelTokens(LabelSet labels) {
    int max = batcher.info().config().maxLength();
    return labels.texts().stream().mapToLong(t -> EncoderInput.estimateTokens(t, max)).sum();
  }

  /**
   * @return the head in {@code bytes}, made for the loaded encoder
   * @throws ServiceException invalid if it is not a readable head, a conflict if made for another encoder
   */
  TaskHead read(byte[] bytes, String source) {
    TaskHead head;
    try {
      head = TaskHead.fromBytes(bytes, source, limits);
    } catch (LabelTuneException | IllegalArgumentException e) {
      throw ServiceException.of(Kind.UNPROCESSABLE, e.getMessage());
    }
    try {
      TextClassifier.checkCompatible(batcher.info(), head);
    } catch (IncompatibleHeadException e) {
      throw ServiceException.of(Kind.CONFLICT, "encoder_mismatch", e.getMessage());
    }
    return head;
  }

  /** @return the head's file bytes */
  byte[] bytes(TaskHead head) {
    return head.toBytes(limits);
  }

  /**
   * Stores a head as the task's next version and, if asked, serves it.
   *
   * @param file the head's file bytes, as uploaded or {@link #bytes written}
   * @return the version's number
   */
  int add(Task task, TaskHead head, byte[] file, boolean activate) {
    int version = store.add(task.id(), file, describe(head, Instant.now()), activate);
    if (activate) {
      served(task, version, head);
    }
    return version;
  }

  /** Makes a stored version the active one. @throws ServiceException (not found) if there is no such version */
  void activate(Task task, int version) {
    byte[] bytes = store.bytes(task.id(), version).orElseThrow(() -> ServiceException.notFound("version",
        Integer.toString(version), "; GET /v1/tasks/" + task.id() + "/versions lists them"));
    TaskHead head = read(bytes, "version " + version);
    store.activate(task.id(), version);
    served(task, version, head);
  }

  /**
   * Serves a head just made active in the store, with the serial the store gave the change; if
   * another writer changed the task since, serves what is active now instead.
   */
  void served(Task task, int version, TaskHead head) {
    OptionalLong serial = store.activeSerial(task.id(), version);
    if (serial.isPresent()) {
      active.put(task.id(), task.tenantId(), serial.getAsLong(), head);
    } else {
      refresh(task.id());
    }
  }

  /** Serves what the store holds as the task's active head now, or forgets a deleted task. */
  void refresh(String taskId) {
    store.active(taskId).ifPresentOrElse(this::serve, () -> active.remove(taskId));
  }

  /**
   * Serves every task's active head as the store holds it now and forgets tasks it no longer has; a
   * task without a usable head is reported instead.
   *
   * @return the number of heads served
   */
  int refreshAll() {
    Set<String> seen = new HashSet<>();
    store.forEachActive(stored -> {
      seen.add(stored.taskId());
      serve(stored);
    });
    active.taskIds().stream().filter(id -> !seen.contains(id)).forEach(active::remove);
    return active.size();
  }

  /** Refreshes the tasks whose head serial in the store differs from the one served: the backstop for lost news. */
  void sweep() {
    Map<String, Long> serials = store.serials();
    serials.forEach((taskId, serial) -> {
      if (serial != active.serial(taskId)) {
        refresh(taskId);
      }
    });
    active.taskIds().stream().filter(id -> !serials.containsKey(id)).forEach(active::remove);
  }

  private void serve(ActiveHead stored) {
    if (stored.serial() <= active.serial(stored.taskId())) {
      return;
    }
    String why = "it has no active head version; upload or tune one";
    if (stored.head() != null) {
      try {
        active.put(stored.taskId(), stored.tenantId(), stored.serial(),
            read(stored.head(), "task " + stored.taskId() + " v" + stored.version()));
        return;
      } catch (ServiceException e) {
        why = "version " + stored.version() + ": " + e.getMessage();
      }
    }
    String problem = "Task " + stored.taskId() + " is not served: " + why;
    LOG.error(problem);
    active.problem(stored.taskId(), stored.tenantId(), stored.serial(), problem);
  }

  /** @return the heads being served */
  ActiveHeads active() {
    return active;
  }

  /** @return what the store keeps beside a head's bytes */
  static HeadVersion describe(TaskHead head, Instant now) {
    HeadProvenance p = head.provenance();
    return new HeadVersion(0, p.encoderFingerprint(), p.method(), p.cvMacroF1(), p.zeroShotMacroF1(), p.examples(), now);
  }
}

package dev.labeltune.server.service;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.LabelTuneException;
import dev.labeltune.classify.HypothesisTemplate;
import dev.labeltune.classify.LabelNames;
import dev.labeltune.classify.LabelSpec;
import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.encoder.Encoder;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Label;
import dev.labeltune.server.domain.Task;
import java.time.Instant;

/** Makes and reads task heads for the loaded encoder: zero-shot heads of tasks, and head files checked against it. */
final class HeadFactory {
  private final Encoder encoder;
  private final HeadLimits limits = HeadLimits.defaults();

  HeadFactory(Encoder encoder) {
    this.encoder = encoder;
  }

  /** @return the zero-shot head of the task's labels and template @throws ServiceException (invalid) for a bad label or template */
  TaskHead zeroShot(Task task) {
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

  /**
   * @return the head in {@code bytes}, made for the loaded encoder
   * @throws ServiceException invalid if it is not a readable head, a conflict if made for another encoder
   */
  TaskHead read(byte[] bytes, String source) {
    TaskHead head;
    try {
      head = TaskHead.fromBytes(bytes, source, limits);
    } catch (LabelTuneException | IllegalArgumentException e) {
      throw ServiceException.invalid(e.getMessage());
    }
    try {
      TextClassifier.checkCompatible(encoder.info(), head);
    } catch (IncompatibleHeadException e) {
      throw ServiceException.conflict("encoder_mismatch", e.getMessage());
    }
    return head;
  }

  /** @return the head's file bytes */
  byte[] bytes(TaskHead head) {
    return head.toBytes(limits);
  }

  /** @return what the store keeps beside a head's bytes */
  static HeadVersion describe(TaskHead head, Instant now) {
    HeadProvenance p = head.provenance();
    return new HeadVersion(0, p.encoderFingerprint(), p.method(), p.cvMacroF1(), p.zeroShotMacroF1(), p.examples(), now);
  }

  Encoder encoder() {
    return encoder;
  }
}

package dev.labeltune.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The rows the task store holds, as immutable values. */
public final class StoreRecords {
  private StoreRecords() {}

  /**
   * @param id the tenant's number
   * @param name its unique name
   * @param created when it was created
   */
  public record Tenant(long id, String name, Instant created) {}

  /**
   * @param id the key's public identifier (the part before the secret)
   * @param tenantId the tenant it belongs to
   * @param salt random salt of the hash
   * @param hash SHA-256 of salt and secret
   * @param revoked whether it was revoked
   */
  public record ApiKey(String id, long tenantId, byte[] salt, byte[] hash, boolean revoked) {}

  /**
   * @param name the label's name
   * @param text a description embedded instead of the templated name, or null
   */
  public record Label(String name, String text) {
    /** Validates. */
    public Label {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * @param id the task's identifier
   * @param tenantId its tenant
   * @param name its display name
   * @param template its hypothesis template, or null for the default
   * @param multiLabel whether each label is decided on its own
   * @param labels its labels, in order
   * @param created when it was created
   * @param updated when it last changed
   * @param activeVersion the head version that serves it, or null
   */
  public record Task(String id, long tenantId, String name, String template, boolean multiLabel, List<Label> labels,
      Instant created, Instant updated, Integer activeVersion) {
    /** Copies the labels. */
    public Task {
      labels = List.copyOf(labels);
    }

    /** @return the label names, in order */
    public List<String> labelNames() {
      return labels.stream().map(Label::name).toList();
    }
  }

  /**
   * @param id the example's number
   * @param text its text
   * @param labels its gold labels
   * @param created when it was stored
   */
  public record Example(long id, String text, List<String> labels, Instant created) {
    /** Copies the labels. */
    public Example {
      labels = List.copyOf(labels);
    }
  }

  /**
   * @param version the version number, from 1
   * @param fingerprint the encoder fingerprint the head was made for
   * @param method how it was made ({@code zero-shot}, {@code lt}, {@code upload})
   * @param cvMacroF1 cross-validated macro-F1 of the tuned head, NaN when not measured
   * @param zeroShotMacroF1 the same for zero-shot, NaN when not measured
   * @param examples number of training examples
   * @param created when it was stored
   */
  public record HeadVersion(int version, String fingerprint, String method, double cvMacroF1,
      double zeroShotMacroF1, int examples, Instant created) {}

  /**
   * A task's active head as stored, for loading at start-up.
   *
   * @param taskId the task
   * @param tenantId the tenant that owns it
   * @param version the active version
   * @param head the head file's bytes
   */
  public record ActiveHead(String taskId, long tenantId, int version, byte[] head) {}

  /**
   * @param id the job's identifier
   * @param taskId the task it tunes
   * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code interrupted}
   * @param progress from 0 to 1
   * @param message what went wrong, or null
   * @param version the head version it made, or null
   * @param cvMacroF1 cross-validated macro-F1 of the tuned head, NaN until known
   * @param zeroShotMacroF1 the same for zero-shot, NaN until known
   * @param created when it was queued
   * @param finished when it ended, or null
   * @param report the cross-validation report as JSON, or null
   */
  public record Job(String id, String taskId, String state, double progress, String message, Integer version,
      double cvMacroF1, double zeroShotMacroF1, Instant created, Instant finished, String report) {
    /** @return a copy with that report */
    public Job withReport(String report) {
      return new Job(id, taskId, state, progress, message, version, cvMacroF1, zeroShotMacroF1, created, finished, report);
    }
  }
}

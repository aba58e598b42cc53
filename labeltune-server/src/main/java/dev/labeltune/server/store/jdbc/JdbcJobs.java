package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Columns.instant;
import static dev.labeltune.server.store.jdbc.Columns.integer;
import static dev.labeltune.server.store.jdbc.Columns.number;
import static dev.labeltune.server.store.jdbc.Columns.setInstant;
import static dev.labeltune.server.store.jdbc.Columns.setInteger;
import static dev.labeltune.server.store.jdbc.Columns.setNumber;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.labeltune.server.domain.HeadVersion;
import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobClaim;
import dev.labeltune.server.domain.JobKind;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.domain.StoreException;
import dev.labeltune.server.domain.TuningReport;
import dev.labeltune.server.store.JobStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Table {@code jobs}, taken as a queue under leases.
 *
 * @param jdbc the database
 * @param dialect its SQL dialect
 * @param heads where a job's head is stored when it succeeds
 */
record JdbcJobs(Jdbc jdbc, SqlDialect dialect, JdbcHeads heads) implements JobStore {
  private static final String COLUMNS = "j.id, j.task_id, j.state, j.progress, j.message, j.version, j.cv_macro_f1, "
      + "j.zero_shot_macro_f1, j.created, j.finished, j.report, j.kind";
  private static final String RUNNING_UNDER = " WHERE id = ? AND owner = ? AND state = " + literal(JobState.RUNNING);
  private static final TypeReference<TuningReport> REPORT = new TypeReference<>() {};

  /** @return the state as an SQL literal, as the store spells it: states are the enum's own words, never input */
  static String literal(JobState state) {
    return "'" + state.text() + "'";
  }

  @Override
  public void create(Job job) {
    jdbc.update("INSERT INTO jobs(id, task_id, state, progress, created, kind) VALUES (?, ?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, job.id());
      ps.setString(2, job.taskId());
      ps.setString(3, job.state().text());
      ps.setDouble(4, job.progress());
      setInstant(ps, 5, job.created());
      ps.setString(6, job.kind().text());
    });
  }

  @Override
  public void update(Job job) {
    write(job, "");
  }

  /** Writes the job's state and outcome where {@code condition} (binding the owner as its last parameter) holds. */
  private int write(Job job, String owner) {
    String condition = owner.isEmpty() ? " WHERE id = ?" : RUNNING_UNDER;
    return jdbc.update("UPDATE jobs SET state = ?, progress = ?, message = ?, version = ?, cv_macro_f1 = ?, "
        + "zero_shot_macro_f1 = ?, finished = ?, report = ?" + condition, ps -> {
          ps.setString(1, job.state().text());
          ps.setDouble(2, job.progress());
          ps.setString(3, job.message());
          setInteger(ps, 4, job.version());
          setNumber(ps, 5, job.cvMacroF1());
          setNumber(ps, 6, job.zeroShotMacroF1());
          setInstant(ps, 7, job.finished());
          ps.setString(8, job.report() == null ? null : StoredJson.write(job.report()));
          ps.setString(9, job.id());
          if (!owner.isEmpty()) {
            ps.setString(10, owner);
          }
        });
  }

  @Override
  public int countQueued() {
    return jdbc.first("SELECT COUNT(*) FROM jobs WHERE state = " + literal(JobState.QUEUED), ps -> { }, rs -> rs.getInt(1)).orElse(0);
  }

  @Override
  public Optional<JobClaim> claim(String owner, Instant now, Instant leaseUntil) {
    return jdbc.inTransaction("take a job", c -> {
      Optional<JobClaim> next = jdbc.first("SELECT " + COLUMNS + ", t.tenant_id, j.attempts FROM jobs j "
          + "JOIN tasks t ON t.id = j.task_id WHERE j.state = " + literal(JobState.QUEUED) + " OR (j.state = "
          + literal(JobState.RUNNING) + " AND j.lease_until < ?) "
          + "ORDER BY j.created, j.id LIMIT 1" + dialect.skipLocked(), ps -> setInstant(ps, 1, now),
          rs -> new JobClaim(job(rs), rs.getLong(13), rs.getInt(14) + 1));
      next.ifPresent(claim -> jdbc.update("UPDATE jobs SET state = " + literal(JobState.RUNNING) + ", progress = 0, owner = ?, lease_until = ?, "
          + "attempts = attempts + 1 WHERE id = ?", owner, leaseUntil, claim.job().id()));
      return next.map(claim -> new JobClaim(claim.job().running(0), claim.tenantId(), claim.attempt()));
    });
  }

  @Override
  public boolean progress(String jobId, String owner, double progress, Instant leaseUntil) {
    return jdbc.update("UPDATE jobs SET progress = ?, lease_until = ?" + RUNNING_UNDER, progress, leaseUntil, jobId,
        owner) > 0;
  }

  @Override
  public boolean end(Job ended, String owner) {
    return write(ended, owner) > 0;
  }

  @Override
  public OptionalInt publish(String jobId, String owner, String taskId, byte[] head, HeadVersion meta,
      IntFunction<Job> succeeded) {
    return jdbc.inTransaction("publish the head of job " + jobId, c -> {
      boolean held = jdbc.first("SELECT id FROM jobs" + RUNNING_UNDER + dialect.lockRow(), ps -> {
        ps.setString(1, jobId);
        ps.setString(2, owner);
      }, rs -> true).isPresent();
      if (!held) {
        return OptionalInt.empty();
      }
      int version = heads.add(taskId, head, meta, true);
      write(succeeded.apply(version), owner);
      return OptionalInt.of(version);
    });
  }

  @Override
  public Optional<Job> get(long tenantId, String jobId) {
    return jdbc.first("SELECT " + COLUMNS + " FROM jobs j JOIN tasks t ON t.id = j.task_id "
        + "WHERE j.id = ? AND t.tenant_id = ?", ps -> {
          ps.setString(1, jobId);
          ps.setLong(2, tenantId);
        }, JdbcJobs::job);
  }

  private static Job job(ResultSet rs) throws SQLException {
    return new Job(rs.getString(1), rs.getString(2), JobState.parse(rs.getString(3)), rs.getDouble(4),
        rs.getString(5), integer(rs, 6), number(rs, 7), number(rs, 8), instant(rs, 9), instant(rs, 10),
        report(rs.getString(11)), JobKind.parse(rs.getString(12)));
  }

  /** A report the store cannot read (written by another version, say) is left out, not an error: the job stands without it. */
  private static TuningReport report(String json) {
    if (json == null) {
      return null;
    }
    try {
      return StoredJson.read(json, REPORT, "job report");
    } catch (StoreException e) {
      return null;
    }
  }

  @Override
  public int endUnfinished(JobState state, String message) {
    return jdbc.update("UPDATE jobs SET state = ?, message = ?, finished = ? WHERE state IN (" + literal(JobState.QUEUED)
        + ", " + literal(JobState.RUNNING) + ")",
        state.text(), message, Instant.now());
  }
}

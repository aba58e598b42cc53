package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Jdbc.instant;
import static dev.labeltune.server.store.jdbc.Jdbc.integer;
import static dev.labeltune.server.store.jdbc.Jdbc.number;
import static dev.labeltune.server.store.jdbc.Jdbc.setInstant;
import static dev.labeltune.server.store.jdbc.Jdbc.setInteger;
import static dev.labeltune.server.store.jdbc.Jdbc.setNumber;

import dev.labeltune.server.domain.Job;
import dev.labeltune.server.domain.JobState;
import dev.labeltune.server.store.JobStore;
import java.time.Instant;
import java.util.Optional;

/** Table {@code jobs}. */
final class JdbcJobs implements JobStore {
  private final Jdbc jdbc;

  JdbcJobs(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void create(Job job) {
    jdbc.update("INSERT INTO jobs(id, task_id, state, progress, created) VALUES (?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, job.id());
      ps.setString(2, job.taskId());
      ps.setString(3, job.state().text());
      ps.setDouble(4, job.progress());
      setInstant(ps, 5, job.created());
    });
  }

  @Override
  public void update(Job job) {
    jdbc.update("UPDATE jobs SET state = ?, progress = ?, message = ?, version = ?, cv_macro_f1 = ?, "
        + "zero_shot_macro_f1 = ?, finished = ?, report = ? WHERE id = ?", ps -> {
          ps.setString(1, job.state().text());
          ps.setDouble(2, job.progress());
          ps.setString(3, job.message());
          setInteger(ps, 4, job.version());
          setNumber(ps, 5, job.cvMacroF1());
          setNumber(ps, 6, job.zeroShotMacroF1());
          setInstant(ps, 7, job.finished());
          ps.setString(8, job.report());
          ps.setString(9, job.id());
        });
  }

  @Override
  public Optional<Job> get(long tenantId, String jobId) {
    return jdbc.first("SELECT j.id, j.task_id, j.state, j.progress, j.message, j.version, j.cv_macro_f1, "
        + "j.zero_shot_macro_f1, j.created, j.finished, j.report FROM jobs j JOIN tasks t ON t.id = j.task_id "
        + "WHERE j.id = ? AND t.tenant_id = ?", ps -> {
          ps.setString(1, jobId);
          ps.setLong(2, tenantId);
        }, rs -> new Job(rs.getString(1), rs.getString(2), JobState.parse(rs.getString(3)), rs.getDouble(4),
            rs.getString(5), integer(rs, 6), number(rs, 7), number(rs, 8), instant(rs, 9), instant(rs, 10),
            rs.getString(11)));
  }

  @Override
  public void interrupt(String jobId, String message) {
    jdbc.update("UPDATE jobs SET state = ?, message = ?, finished = ? WHERE id = ? AND state IN ('queued', 'running')",
        JobState.INTERRUPTED.text(), message, Instant.now(), jobId);
  }

  @Override
  public int endUnfinished(JobState state, String message) {
    return jdbc.update("UPDATE jobs SET state = ?, message = ?, finished = ? WHERE state IN ('queued', 'running')",
        state.text(), message, Instant.now());
  }
}

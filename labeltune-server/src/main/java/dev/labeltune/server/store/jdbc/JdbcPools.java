package dev.labeltune.server.store.jdbc;

import static dev.labeltune.server.store.jdbc.Columns.instant;
import static dev.labeltune.server.store.jdbc.Columns.setInstant;

import dev.labeltune.server.domain.Example;
import dev.labeltune.server.domain.PoolText;
import dev.labeltune.server.store.PoolStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code pool_texts}: a text is kept once per task (by the SHA-256 of its text), with its
 * embedding as little-endian float32 bytes.
 *
 * @param jdbc the database
 * @param dialect its SQL dialect
 * @param examples where a labeled text goes
 */
record JdbcPools(Jdbc jdbc, SqlDialect dialect, JdbcExamples examples) implements PoolStore {
  @Override
  public List<Optional<PoolText>> add(String taskId, List<String> texts, List<float[]> embeddings) {
    Instant now = Instant.now();
    return jdbc.inTransaction("add " + texts.size() + " texts to the pool", c -> {
      List<Optional<PoolText>> out = new ArrayList<>(texts.size());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pool_texts(task_id, text, text_hash, embedding, "
          + "created) VALUES (?, ?, ?, ?, ?) ON CONFLICT (task_id, text_hash) DO NOTHING",
          Statement.RETURN_GENERATED_KEYS)) {
        for (int i = 0; i < texts.size(); i++) {
          ps.setString(1, taskId);
          ps.setString(2, texts.get(i));
          ps.setString(3, hash(texts.get(i)));
          ps.setBytes(4, bytes(embeddings.get(i)));
          setInstant(ps, 5, now);
          if (ps.executeUpdate() == 0) {
            out.add(Optional.empty());
            continue;
          }
          try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            out.add(Optional.of(new PoolText(keys.getLong(1), texts.get(i), now)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public long count(String taskId) {
    return jdbc.first("SELECT COUNT(*) FROM pool_texts WHERE task_id = ?", ps -> ps.setString(1, taskId),
        rs -> rs.getLong(1)).orElse(0L);
  }

  @Override
  public long countAll() {
    return jdbc.first("SELECT COUNT(*) FROM pool_texts", ps -> { }, rs -> rs.getLong(1)).orElse(0L);
  }

  @Override
  public Optional<PoolText> get(String taskId, long id) {
    return jdbc.first("SELECT id, text, created FROM pool_texts WHERE task_id = ? AND id = ?", ps -> {
      ps.setString(1, taskId);
      ps.setLong(2, id);
    }, rs -> new PoolText(rs.getLong(1), rs.getString(2), instant(rs, 3)));
  }

  @Override
  public List<PoolText> page(String taskId, long afterId, int limit) {
    return jdbc.query("SELECT id, text, created FROM pool_texts WHERE task_id = ? AND id > ? ORDER BY id LIMIT ?", ps -> {
      ps.setString(1, taskId);
      ps.setLong(2, afterId);
      ps.setInt(3, limit);
    }, rs -> new PoolText(rs.getLong(1), rs.getString(2), instant(rs, 3)));
  }

  @Override
  public Embedded embedded(String taskId) {
    List<PoolText> texts = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    jdbc.query("SELECT id, text, created, embedding FROM pool_texts WHERE task_id = ? ORDER BY id",
        ps -> ps.setString(1, taskId), rs -> {
          texts.add(new PoolText(rs.getLong(1), rs.getString(2), instant(rs, 3)));
          return vectors.add(floats(rs.getBytes(4)));
        });
    return new Embedded(texts, vectors.toArray(float[][]::new));
  }

  @Override
  public boolean delete(String taskId, long id) {
    return jdbc.update("DELETE FROM pool_texts WHERE task_id = ? AND id = ?", taskId, id) > 0;
  }

  @Override
  public Optional<Example> label(String taskId, long id, List<String> labels) {
    return jdbc.inTransaction("label pool text " + id, c -> {
      Optional<String> text = jdbc.first("SELECT text FROM pool_texts WHERE task_id = ? AND id = ?"
          + dialect.lockRow(), ps -> {
            ps.setString(1, taskId);
            ps.setLong(2, id);
          }, rs -> rs.getString(1));
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Example example = examples.add(taskId, List.of(text.get()), List.of(labels)).get(0);
      delete(taskId, id);
      return Optional.of(example);
    });
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM lacks SHA-256", e);
    }
  }

  private static byte[] bytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  private static float[] floats(byte[] bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}

package dev.labeltune.server.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.server.domain.StoreException;
import java.sql.SQLException;

/** Lists kept in one column as JSON text (an example's labels, a task's labels read in one query). */
final class StoredJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredJson() {}

  static String write(Object value) throws SQLException {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SQLException("Lists of names are always writable as JSON", e);
    }
  }

  static <T> T read(String json, TypeReference<T> type, String what) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("The store holds unreadable " + what + ": " + json, e);
    }
  }
}

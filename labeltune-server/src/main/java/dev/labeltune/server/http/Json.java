package dev.labeltune.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.List;

/** Strict reading of request bodies: every field's type is checked and a bad one is named in a 400. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

  private Json() {}

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("The request body is empty; expected JSON");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw ApiException.badRequest("Malformed JSON at line " + line + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("Unreadable body: " + e.getMessage());
    }
  }

  static JsonNode object(byte[] body) {
    JsonNode node = parse(body);
    if (!node.isObject()) {
      throw ApiException.badRequest("Expected a JSON object");
    }
    return node;
  }

  static String text(JsonNode parent, String field, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiException.badRequest("'" + field + "' is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("'" + field + "' must be a string");
    }
    return n.textValue();
  }

  static boolean bool(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw ApiException.badRequest("'" + field + "' must be true or false");
    }
    return n.booleanValue();
  }

  static int integer(JsonNode parent, String field, int fallback, int min, int max) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      throw ApiException.badRequest("'" + field + "' must be a whole number between " + min + " and " + max);
    }
    return n.intValue();
  }

  static double number(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return Double.NaN;
    }
    if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
      throw ApiException.badRequest("'" + field + "' must be a number");
    }
    return n.doubleValue();
  }

  static List<String> strings(JsonNode parent, String field, int maxCount) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isArray()) {
      throw ApiException.badRequest("'" + field + "' must be an array of strings");
    }
    if (n.size() > maxCount) {
      throw new ApiException(413, "too_large", "'" + field + "' has " + n.size() + " entries; the limit is " + maxCount);
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw ApiException.badRequest("'" + field + "'[" + i + "] must be a string");
      }
      out.add(n.get(i).textValue());
    }
    return out;
  }
}

package dev.labeltune.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The typed fields of a head file ({@link HeadContainer}): each read checks the field's type and
 * range, and a float array's declared size against the bytes present, before anything is allocated
 * for it; a field that fails says which and what it found, as {@link IllegalArgumentException}.
 *
 * @since 0.1
 */
public final class HeadFields {
  private HeadFields() {}

  /** @param values floats @return their base64 little-endian float32 encoding */
  public static String encode(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(b.array());
  }

  /**
   * Decodes a float array field after checking, from the text's length alone, that it holds
   * exactly the declared number of floats: a file cannot make the reader allocate more than it
   * holds.
   *
   * @param parent the object holding the field
   * @param field the field's name
   * @param expected the number of floats it must hold, as declared elsewhere in the file
   * @return the floats
   * @throws IllegalArgumentException naming the field, if it is missing, not base64 or of another size
   */
  public static float[] floats(JsonNode parent, String field, long expected) {
    String base64 = text(parent, field);
    long present = base64DecodedLength(base64);
    if (present < 0) {
      throw new IllegalArgumentException("'" + field + "' is not base64 (length " + base64.length() + ")");
    }
    if (expected < 0 || expected > Integer.MAX_VALUE / Float.BYTES || present != expected * Float.BYTES) {
      throw new IllegalArgumentException("'" + field + "' holds " + present / Float.BYTES
          + " floats, but the declared shape needs " + expected);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "' is not base64: " + e.getMessage(), e);
    }
    float[] out = new float[(int) expected];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Bytes a padded base64 text decodes to, or -1 if its length cannot be base64. */
  private static long base64DecodedLength(String s) {
    int n = s.length();
    if (n % 4 != 0) {
      return -1;
    }
    int padding = n == 0 ? 0 : (s.charAt(n - 1) == '=' ? 1 : 0) + (n > 1 && s.charAt(n - 2) == '=' ? 1 : 0);
    return (long) n / 4 * 3 - padding;
  }

  /** Stores a number, NaN as JSON null. */
  public static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @return the number, NaN when the field is null or missing
   * @throws IllegalArgumentException if it holds anything but a number or null
   */
  public static double optionalNumber(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Double.NaN;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("'" + field + "' must be a number, found " + shown(node));
    }
    return node.doubleValue();
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @param min smallest value accepted
   * @param max largest value accepted
   * @return the finite number
   * @throws IllegalArgumentException if it is missing, not a number or out of range
   */
  public static double number(JsonNode parent, String field, double min, double max) {
    double value = optionalNumber(parent, field);
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException("'" + field + "' must be a number between " + min + " and " + max
          + ", found " + shown(parent.get(field)));
    }
    return value;
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @param min smallest value accepted
   * @param max largest value accepted
   * @return the whole number
   * @throws IllegalArgumentException if it is missing, not a whole number or out of range
   */
  public static long integer(JsonNode parent, String field, long min, long max) {
    return integerValue(parent.get(field), "'" + field + "'", min, max);
  }

  /**
   * @param array the array holding the element
   * @param index the element's index
   * @param min smallest value accepted
   * @param max largest value accepted
   * @return the whole number
   * @throws IllegalArgumentException if it is missing, not a whole number or out of range
   */
  public static long integer(JsonNode array, int index, long min, long max) {
    return integerValue(array.get(index), "element " + index, min, max);
  }

  private static long integerValue(JsonNode node, String what, long min, long max) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
        || node.longValue() < min || node.longValue() > max) {
      throw new IllegalArgumentException(what + " must be a whole number between " + min + " and " + max
          + ", found " + shown(node));
    }
    return node.longValue();
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @return the string
   * @throws IllegalArgumentException if it is missing or not a string
   */
  public static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string, found " + shown(node));
    }
    return node.textValue();
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @return the object
   * @throws IllegalArgumentException if it is missing or not an object
   */
  public static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("'" + field + "' must be an object, found " + shown(node));
    }
    return node;
  }

  /**
   * @param parent the object holding the field
   * @param field the field's name
   * @param maxCount most elements accepted
   * @return the strings
   * @throws IllegalArgumentException if it is missing, not an array of strings, or too long
   */
  public static List<String> strings(JsonNode parent, String field, int maxCount) {
    JsonNode array = parent.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be an array of strings, found " + shown(array));
    }
    if (array.size() > maxCount) {
      throw new IllegalArgumentException("'" + field + "' has " + array.size() + " entries, over the limit of "
          + maxCount + " (system property labeltune.head.maxLabels)");
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      if (!n.isTextual()) {
        throw new IllegalArgumentException("'" + field + "'[" + i + "] must be a string, found " + shown(n));
      }
      out.add(n.textValue());
    }
    return out;
  }

  private static String shown(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String s = node.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}

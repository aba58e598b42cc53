package dev.labeltune.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON Schemas (as OpenAPI 3.1 components) of the API's records, from the same Jackson
 * configuration that reads and writes them: property names, types, which are required, and whether
 * other properties are allowed all come from the records, so the document cannot drift from the bodies.
 *
 * <p>A record becomes an object schema under its simple name, every property listed and no others
 * allowed (unless it ignores unknown properties); a record read from a single value by a delegating
 * creator is that value's schema, and a record that may also be written as a string is one of both.
 */
public final class Schemas {
  private final ObjectMapper mapper;
  private final Map<String, Object> components = new TreeMap<>();

  /** @param mapper the mapper the bodies go through */
  public Schemas(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** @return a reference to the schema of {@code type}, adding it and what it uses to the components */
  public Map<String, Object> ref(Class<?> type) {
    return schema(mapper.constructType(type));
  }

  /** @return every schema referred to so far, by name */
  public Map<String, Object> components() {
    return Map.copyOf(components);
  }

  private Map<String, Object> schema(JavaType t) {
    Class<?> raw = t.getRawClass();
    if (raw == String.class) {
      return Map.of("type", "string");
    } else if (raw == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    } else if (raw == boolean.class || raw == Boolean.class) {
      return Map.of("type", "boolean");
    } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return Map.of("type", "integer");
    } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return Map.of("type", "number");
    } else if (raw.isEnum()) {
      List<String> values = Arrays.stream(raw.getEnumConstants()).map(c -> mapper.convertValue(c, String.class)).toList();
      return Map.of("type", "string", "enum", values);
    } else if (t.isCollectionLikeType() || t.isArrayType()) {
      return Map.of("type", "array", "items", schema(t.getContentType()));
    } else if (t.isMapLikeType()) {
      return Map.of("type", "object", "additionalProperties", schema(t.getContentType()));
    } else if (JsonNode.class.isAssignableFrom(raw)) {
      return Map.of();
    } else if (raw.isRecord()) {
      String name = raw.getSimpleName();
      if (!components.containsKey(name)) {
        components.put(name, Map.of());
        components.put(name, record(t));
      }
      return Map.of("$ref", "#/components/schemas/" + name);
    }
    throw new IllegalArgumentException("No schema for " + t + "; the API's bodies are records of simple types");
  }

  private Map<String, Object> record(JavaType t) {
    Class<?> raw = t.getRawClass();
    if (delegating(raw.getDeclaredConstructors())) {
      return schema(mapper.constructType(raw.getRecordComponents()[0].getGenericType()));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (BeanPropertyDefinition p : mapper.getSerializationConfig().introspect(t).findProperties()) {
      properties.put(p.getName(), schema(p.getPrimaryType()));
      if (p.isRequired() || p.getRawPrimaryType().isPrimitive()) {
        required.add(p.getName());
      }
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", "object");
    object.put("properties", properties);
    if (!required.isEmpty()) {
      object.put("required", required);
    }
    JsonIgnoreProperties ignore = raw.getAnnotation(JsonIgnoreProperties.class);
    object.put("additionalProperties", ignore != null && ignore.ignoreUnknown());
    return fromString(raw) ? Map.of("oneOf", List.of(Map.of("type", "string"), object)) : object;
  }

  /** @return what a value of {@code type} looks like in JSON, in words, for error messages */
  public static String inWords(Class<?> type) {
    if (type == String.class) {
      return "a string";
    } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    } else if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    } else if (type.isRecord() && delegating(type.getDeclaredConstructors())) {
      return inWords(type.getRecordComponents()[0].getType());
    } else if (type.isRecord() && fromString(type)) {
      return "a string or an object";
    }
    return "an object";
  }

  private static boolean fromString(Class<?> raw) {
    return Arrays.stream(raw.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
            && m.getParameterTypes()[0] == String.class)
        .anyMatch(m -> delegating(new Executable[] {m}));
  }

  private static boolean delegating(Executable[] candidates) {
    return Arrays.stream(candidates).map(c -> c.getAnnotation(JsonCreator.class))
        .anyMatch(a -> a != null && a.mode() == JsonCreator.Mode.DELEGATING);
  }
}

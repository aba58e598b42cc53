package dev.labeltune.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.labeltune.server.api.ApiJson;
import dev.labeltune.server.api.Schemas;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import java.io.IOException;
import java.util.TreeSet;

/** Reads request bodies into the API's records, turning every JSON failure into a 400 that names the field. */
final class Bodies {
  private Bodies() {}

  static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ServiceException.of(Kind.BAD_REQUEST, "The request body is empty; expected JSON");
    }
    try {
      return ApiJson.MAPPER.readValue(body, type);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ServiceException r) {
        throw r;
      }
      throw ServiceException.of(Kind.UNPROCESSABLE, at(e) + String.valueOf(e.getCause() == null ? e.getOriginalMessage()
          : e.getCause().getMessage()));
    } catch (UnrecognizedPropertyException e) {
      TreeSet<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      throw ServiceException.of(Kind.BAD_REQUEST, "Unknown field " + field(e) + "; the known fields are " + known);
    } catch (MismatchedInputException e) {
      String message = e.getOriginalMessage();
      if (message != null && message.startsWith("Missing required creator property")) {
        throw ServiceException.of(Kind.BAD_REQUEST, field(e) + " is required");
      }
      throw ServiceException.of(Kind.BAD_REQUEST, (e.getPath().isEmpty() ? "The body" : field(e)) + " must be "
          + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw ServiceException.of(Kind.BAD_REQUEST, "Malformed JSON at line " + line + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServiceException.of(Kind.BAD_REQUEST, "Unreadable body: " + e.getMessage());
    }
  }

  /** @return the field's path as a user wrote it: {@code 'labels'[2]}, {@code [1].'text'} */
  private static String field(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append('\'').append(r.getFieldName()).append('\'');
      } else {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String at(JsonMappingException e) {
    return e.getPath().isEmpty() ? "" : field(e) + ": ";
  }

  private static String expected(Class<?> type) {
    return type == null ? "of another type" : Schemas.inWords(type);
  }
}

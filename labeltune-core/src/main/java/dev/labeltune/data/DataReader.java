package dev.labeltune.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads labeled or unlabeled texts from JSONL, CSV, TSV or plain-text files. Every error names the
 * source and the 1-based line.
 *
 * <pre>{@code
 * List<LabeledText> train = DataReader.defaults().read(Path.of("train.jsonl"));
 * List<LabeledText> tickets = DataReader.defaults().withColumns("body", "queue").read(Path.of("t.csv"));
 * }</pre>
 *
 * @param textField JSON field or CSV column (name, or 0-based index) holding the text
 * @param labelField JSON field or CSV column holding the label; in JSON a {@code labels} array is
 *     also read
 * @param labelSeparator in CSV, splits one cell into several labels; null for single labels
 * @since 0.1
 */
public record DataReader(String textField, String labelField, String labelSeparator) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates the field names. */
  public DataReader {
    Objects.requireNonNull(textField, "textField");
    Objects.requireNonNull(labelField, "labelField");
    if (labelSeparator != null && labelSeparator.isEmpty()) {
      throw new IllegalArgumentException("labelSeparator must not be empty; use null for single labels");
    }
  }

  /** @return a reader of {@code text} and {@code label}/{@code labels} fields */
  public static DataReader defaults() {
    return new DataReader("text", "label", null);
  }

  /**
   * @param text the text column
   * @param label the label column
   * @return a copy reading those columns
   */
  public DataReader withColumns(String text, String label) {
    return new DataReader(text, label, labelSeparator);
  }

  /** @param separator splits a CSV label cell into labels @return a copy using it */
  public DataReader withLabelSeparator(String separator) {
    return new DataReader(textField, labelField, separator);
  }

  /**
   * Reads a file in the format its extension names.
   *
   * @param file the file
   * @return the texts in file order
   * @throws IOException if the file cannot be read
   * @throws DataFormatException if a line is malformed
   */
  public List<LabeledText> read(Path file) throws IOException {
    return read(file, DataFormat.fromFileName(file));
  }

  /**
   * @param file the file
   * @param format its format
   * @return the texts in file order
   * @throws IOException if the file cannot be read
   * @throws DataFormatException if a line is malformed
   */
  public List<LabeledText> read(Path file, DataFormat format) throws IOException {
    return read(file, format, false);
  }

  /**
   * Reads training data: every text must have a label, and a missing label column or field is
   * reported with the columns or fields that are there.
   *
   * @param file the file
   * @param format its format
   * @return the labeled texts in file order
   * @throws IOException if the file cannot be read
   * @throws DataFormatException if a line is malformed or has no label, or the file holds no texts
   */
  public List<LabeledText> readLabeled(Path file, DataFormat format) throws IOException {
    List<LabeledText> out = read(file, format, true);
    if (out.isEmpty()) {
      throw new DataFormatException(file.toString(), 0, "holds no examples");
    }
    return out;
  }

  private List<LabeledText> read(Path file, DataFormat format, boolean labelsRequired) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such data file");
    }
    try (BufferedReader in = new BufferedReader(new Utf8Reader(Files.newInputStream(file)))) {
      return read(in, file.toString(), format, labelsRequired);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads a stream of UTF-8 text (standard input, say) with the same rules as files: bytes that
   * are not UTF-8 are an error naming the line, never replaced silently.
   *
   * @param in the bytes; not closed
   * @param source name used in error messages
   * @param format the format
   * @return the texts in order
   * @throws IOException if reading fails
   * @throws DataFormatException if a line is malformed or not UTF-8
   */
  public List<LabeledText> read(InputStream in, String source, DataFormat format) throws IOException {
    return read(new BufferedReader(new Utf8Reader(in)), source, format);
  }

  /**
   * @param in the text to read; not closed
   * @param source name used in error messages
   * @param format the format
   * @return the texts in order
   * @throws IOException if reading fails
   * @throws DataFormatException if a line is malformed
   */
  public List<LabeledText> read(Reader in, String source, DataFormat format) throws IOException {
    return read(in, source, format, false);
  }

  private List<LabeledText> read(Reader in, String source, DataFormat format, boolean labelsRequired)
      throws IOException {
    BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
    return switch (format) {
      case JSONL -> readJsonl(buffered, source, labelsRequired);
      case TEXT -> labelsRequired ? refusePlainText(buffered, source) : readText(buffered, source);
      case CSV -> readDelimited(buffered, source, CSVFormat.DEFAULT, labelsRequired);
      case TSV -> readDelimited(buffered, source, CSVFormat.TDF, labelsRequired);
    };
  }

  /** Reads the next line; bytes that are not UTF-8 are reported with the line they are on. */
  private static String nextLine(BufferedReader in, String source) throws IOException {
    try {
      return in.readLine();
    } catch (Utf8Reader.MalformedLineException e) {
      throw notUtf8(source, e);
    }
  }

  private static DataFormatException notUtf8(String source, Utf8Reader.MalformedLineException e) {
    return new DataFormatException(source, e.line(), "is not valid UTF-8 (" + e.getMessage() + "); save the file as UTF-8");
  }

  private List<LabeledText> readJsonl(BufferedReader in, String source, boolean labelsRequired) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    String line;
    long number = 0;
    while ((line = nextLine(in, source)) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new DataFormatException(source, number, "not valid JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        throw new DataFormatException(source, number, "expected a JSON object, found " + abbreviate(line));
      }
      JsonNode text = node.get(textField);
      if (text == null || !text.isTextual()) {
        throw new DataFormatException(source, number, "expected a string field '" + textField + "'");
      }
      List<String> labels = jsonLabels(source, number, node);
      if (labelsRequired && labels.isEmpty()) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        throw new DataFormatException(source, number, "has no label: expected a field '" + labelField + "' or '"
            + labelField + "s', found the fields " + fields);
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> {
        if (!e.getKey().equals(textField) && !e.getKey().equals(labelField) && !e.getKey().equals(labelField + "s")) {
          fields.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        }
      });
      out.add(labeled(source, number, text.asText(), labels, fields));
    }
    return out;
  }

  private List<String> jsonLabels(String source, long number, JsonNode node) {
    JsonNode label = node.get(labelField);
    JsonNode labels = node.get(labelField + "s");
    if (label != null && !label.isNull() && labels != null && !labels.isNull()) {
      throw new DataFormatException(source, number, "has both '" + labelField + "' and '" + labelField
          + "s'; use one");
    }
    if (label != null && !label.isNull()) {
      if (!label.isValueNode()) {
        throw new DataFormatException(source, number, "'" + labelField + "' must be a string or number");
      }
      return List.of(label.asText());
    }
    if (labels != null && !labels.isNull()) {
      if (!labels.isArray()) {
        throw new DataFormatException(source, number, "'" + labelField + "s' must be an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode l : labels) {
        if (!l.isValueNode() || l.isNull()) {
          throw new DataFormatException(source, number, "'" + labelField + "s' must be an array of strings");
        }
        out.add(l.asText());
      }
      return out;
    }
    return List.of();
  }

  /** Training data read as plain text has no labels: said at its first line, with the formats that do. */
  private List<LabeledText> refusePlainText(BufferedReader in, String source) throws IOException {
    long number = 0;
    long first = 0;
    String line;
    while (first == 0 && (line = nextLine(in, source)) != null) {
      number++;
      first = line.isBlank() ? 0 : number;
    }
    throw new DataFormatException(source, first, "plain text has no labels; labeled examples are JSONL lines such as "
        + "{\"" + textField + "\": \"My parcel never arrived\", \"" + labelField + "\": \"shipping\"} or a CSV/TSV "
        + "file with a header row (name the columns with --text-field and --label-field)");
  }

  private static List<LabeledText> readText(BufferedReader in, String source) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    String line;
    long number = 0;
    while ((line = nextLine(in, source)) != null) {
      number++;
      if (!line.isBlank()) {
        out.add(labeled(source, number, line, List.of(), Map.of()));
      }
    }
    return out;
  }

  private List<LabeledText> readDelimited(BufferedReader in, String source, CSVFormat base, boolean labelsRequired)
      throws IOException {
    CSVFormat format = base.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
    List<LabeledText> out = new ArrayList<>();
    long line = 0;
    try (CSVParser parser = CSVParser.parse(in, format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      int textColumn = column(header, textField, source, true);
      int labelColumn = column(header, labelField, source, labelsRequired);
      for (CSVRecord record : parser) {
        line = parser.getCurrentLineNumber();
        if (record.size() <= Math.max(textColumn, labelColumn)) {
          throw new DataFormatException(source, line, "expected at least " + (Math.max(textColumn, labelColumn) + 1)
              + " columns, found " + record.size());
        }
        List<String> labels = List.of();
        if (labelColumn >= 0 && !record.get(labelColumn).isBlank()) {
          String cell = record.get(labelColumn).strip();
          labels = labelSeparator == null ? List.of(cell)
              : Arrays.stream(cell.split(Pattern.quote(labelSeparator)))
                  .map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (labelsRequired && labels.isEmpty()) {
          throw new DataFormatException(source, line, "the label (column '" + labelField + "') is empty");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> column : header.entrySet()) {
          int index = column.getValue();
          if (index != textColumn && index != labelColumn && index < record.size()) {
            fields.put(column.getKey(), record.get(index));
          }
        }
        out.add(labeled(source, line, record.get(textColumn), labels, fields));
      }
    } catch (Utf8Reader.MalformedLineException e) {
      throw notUtf8(source, e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof Utf8Reader.MalformedLineException m) {
        throw notUtf8(source, m);
      }
      throw new DataFormatException(source, 0, "malformed CSV: " + e.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(source, 0, "malformed CSV: " + e.getMessage());
    }
    return out;
  }

  /** Finds a column by header name or by 0-based index; -1 when optional and absent. */
  private static int column(Map<String, Integer> header, String field, String source, boolean required) {
    if (header.containsKey(field)) {
      return header.get(field);
    }
    if (field.chars().allMatch(Character::isDigit) && !field.isEmpty()) {
      int index = Integer.parseInt(field);
      if (index < header.size()) {
        return index;
      }
    }
    if (required) {
      throw new DataFormatException(source, 1, "no column '" + field + "' in header " + header.keySet());
    }
    return -1;
  }

  private static LabeledText labeled(String source, long line, String text, List<String> labels,
      Map<String, Object> fields) {
    if (!Texts.hasVisibleContent(text)) {
      throw new DataFormatException(source, line, text.isBlank() ? "the text is empty"
          : "the text " + Texts.quote(text) + " has no visible content");
    }
    for (String label : labels) {
      try {
        LabelNames.check(label);
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(source, line, label.isEmpty() ? "a label is empty" : e.getMessage());
      }
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new DataFormatException(source, line, "duplicate labels " + labels);
    }
    return new LabeledText(text, labels, fields);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}

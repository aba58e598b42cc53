package dev.labeltune.cli;

import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataFormatException;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of commands that read texts to classify. */
final class InputOptions {
  @Option(names = {"-i", "--input", "--pool"}, defaultValue = "-", description = "Input file (for 'suggest', the "
      + "unlabeled pool), or - for standard input (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--format", description = "Input format: ${COMPLETION-CANDIDATES} (default: from the file extension; JSONL for standard input).")
  DataFormat format;

  @Option(names = "--text-field", defaultValue = "text", description = "JSON field or CSV column of the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--keep-fields", split = "\\s*,\\s*", splitSynopsisLabel = ",",
      description = "The input's other fields or columns copied into each output line, so results join back: "
          + "all by default, these ones, or none with --keep-fields=")
  List<String> keepFields;

  /**
   * @param row an input row
   * @return the fields of it to copy into its output line
   */
  Map<String, Object> keptFields(LabeledText row) {
    if (keepFields == null) {
      return row.fields();
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    for (String name : keepFields) {
      if (row.fields().containsKey(name)) {
        kept.put(name, row.fields().get(name));
      }
    }
    return kept;
  }

  /**
   * @return the texts, from the file or standard input (which must be UTF-8, as files)
   * @throws DataFormatException if a line is malformed or there is no text at all
   */
  List<LabeledText> read() throws IOException {
    DataReader reader = DataReader.defaults().withColumns(textField, "label");
    List<LabeledText> rows;
    if (input.equals("-")) {
      rows = reader.read(System.in, "<stdin>", format == null ? DataFormat.JSONL : format);
    } else {
      Path file = Path.of(input);
      rows = reader.read(file, format == null ? DataFormat.fromFileName(file) : format);
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(input.equals("-") ? "<stdin>" : input, 0, "holds no texts to classify");
    }
    return rows;
  }
}

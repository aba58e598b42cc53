package dev.labeltune.cli;

import dev.labeltune.data.DataFormat;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of commands that read texts to classify. */
final class InputOptions {
  @Option(names = {"-i", "--input"}, defaultValue = "-", description = "Input file, or - for standard input (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--format", description = "Input format: ${COMPLETION-CANDIDATES} (default: from the file extension; JSONL for standard input).")
  DataFormat format;

  @Option(names = "--text-field", defaultValue = "text", description = "JSON field or CSV column of the text (default: ${DEFAULT-VALUE}).")
  String textField;

  List<LabeledText> read() throws IOException {
    DataReader reader = DataReader.defaults().withColumns(textField, "label");
    if (input.equals("-")) {
      return reader.read(new InputStreamReader(System.in, StandardCharsets.UTF_8), "<stdin>",
          format == null ? DataFormat.JSONL : format);
    }
    Path file = Path.of(input);
    return reader.read(file, format == null ? DataFormat.fromFileName(file) : format);
  }
}

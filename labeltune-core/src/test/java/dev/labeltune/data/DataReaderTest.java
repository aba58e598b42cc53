package dev.labeltune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReaderTest {
  private final DataReader reader = DataReader.defaults();

  private List<LabeledText> jsonl(String content) throws IOException {
    return reader.read(new StringReader(content), "data.jsonl", DataFormat.JSONL);
  }

  @Test
  void read_jsonlWithLabelLabelsAndBlankLines() throws IOException {
    List<LabeledText> rows = jsonl("""
        {"text": "a", "label": "x"}

        {"text": "b", "labels": ["x", "y"]}
        {"text": "c"}
        {"text": "d", "label": 3}
        """);
    assertThat(rows).containsExactly(LabeledText.of("a", "x"), new LabeledText("b", List.of("x", "y")),
        LabeledText.unlabeled("c"), LabeledText.of("d", "3"));
  }

  @Test
  void read_malformedJsonNamesFileAndLine() {
    assertThatThrownBy(() -> jsonl("{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\n"))
        .isInstanceOf(DataFormatException.class).hasMessageStartingWith("data.jsonl line 2: not valid JSON");
  }

  @Test
  void read_missingOrEmptyText() {
    assertThatThrownBy(() -> jsonl("{\"label\": \"x\"}")).hasMessage("data.jsonl line 1: expected a string field 'text'");
    assertThatThrownBy(() -> jsonl("{\"text\": \" \", \"label\": \"x\"}")).hasMessage("data.jsonl line 1: the text is empty");
    assertThatThrownBy(() -> jsonl("[1, 2]")).hasMessageContaining("line 1: expected a JSON object");
  }

  @Test
  void read_badLabels() {
    assertThatThrownBy(() -> jsonl("{\"text\": \"a\", \"label\": \"\"}")).hasMessageContaining("a label is empty");
    assertThatThrownBy(() -> jsonl("{\"text\": \"a\", \"labels\": \"x\"}")).hasMessageContaining("must be an array");
    assertThatThrownBy(() -> jsonl("{\"text\": \"a\", \"labels\": [\"x\", \"x\"]}")).hasMessageContaining("duplicate labels");
    assertThatThrownBy(() -> jsonl("{\"text\": \"a\", \"label\": \"x\", \"labels\": [\"y\"]}")).hasMessageContaining("use one");
  }

  @Test
  void read_csvByColumnNameWithQuotesAndMultiLabels() throws IOException {
    String csv = "id,body,queue\n1,\"Hello, world\",sales|support\n2,\"multi\nline\",support\n";
    List<LabeledText> rows = reader.withColumns("body", "queue").withLabelSeparator("|")
        .read(new StringReader(csv), "t.csv", DataFormat.CSV);
    assertThat(rows).containsExactly(new LabeledText("Hello, world", List.of("sales", "support"), java.util.Map.of("id", "1")),
        new LabeledText("multi\nline", List.of("support"), java.util.Map.of("id", "2")));
  }

  @Test
  void read_tsvAndMissingColumn() throws IOException {
    List<LabeledText> rows = reader.read(new StringReader("text\tlabel\nhi there\tgreet\n"), "t.tsv", DataFormat.TSV);
    assertThat(rows).containsExactly(LabeledText.of("hi there", "greet"));
    assertThatThrownBy(() -> reader.withColumns("body", "label").read(new StringReader("text\tlabel\nx\ty\n"), "t.tsv",
        DataFormat.TSV)).hasMessageContaining("t.tsv line 1: no column 'body'");
  }

  @Test
  void read_csvEmptyTextNamesLine() {
    assertThatThrownBy(() -> reader.read(new StringReader("text,label\nok,a\n,b\n"), "t.csv", DataFormat.CSV))
        .hasMessage("t.csv line 3: the text is empty");
  }

  @Test
  void read_plainTextLines() throws IOException {
    assertThat(reader.read(new StringReader("one\n\ntwo\n"), "in.txt", DataFormat.TEXT))
        .containsExactly(LabeledText.unlabeled("one"), LabeledText.unlabeled("two"));
  }

  @Test
  void read_fileFormatFromExtension(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "text,label\nhello,a\n");
    assertThat(reader.read(csv)).containsExactly(LabeledText.of("hello", "a"));
    assertThatThrownBy(() -> reader.read(dir.resolve("missing.jsonl"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void taskSpec_readsTemplateAndVerbalizations(@TempDir Path dir) throws IOException {
    Path task = dir.resolve("task.json");
    Files.writeString(task, "{\"template\": \"It is {} news.\", \"labels\": {\"Sci/Tech\": \"science\"}}");
    TaskSpec spec = TaskSpec.read(task);
    assertThat(spec.template().orElseThrow().pattern()).isEqualTo("It is {} news.");
    assertThat(spec.verbalizations()).containsEntry("Sci/Tech", "science");
    Files.writeString(task, "{\"template\": \"no placeholder\"}");
    assertThatThrownBy(() -> TaskSpec.read(task)).isInstanceOf(DataFormatException.class).hasMessageContaining("exactly once");
  }

  @Test
  void readStream_decodesMultiByteCharactersAcrossBufferBoundariesAndNamesTheLineOfBadBytes() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("{\"text\": \"caf\u00e9 \u20ac \ud83d\ude00 line ").append(i).append("\"}\n");
    }
    byte[] utf8 = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<LabeledText> rows = DataReader.defaults().read(new java.io.ByteArrayInputStream(utf8), "big", DataFormat.JSONL);
    assertThat(rows).hasSize(20_000);
    assertThat(rows.get(19_999).text()).isEqualTo("caf\u00e9 \u20ac \ud83d\ude00 line 19999");

    int at = text.indexOf("line 15000");
    byte[] broken = utf8.clone();
    broken[new String(text.substring(0, at)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length] = (byte) 0xff;
    assertThatThrownBy(() -> DataReader.defaults().read(new java.io.ByteArrayInputStream(broken), "big", DataFormat.JSONL))
        .isInstanceOf(DataFormatException.class).hasMessage(
            "big line 15001: is not valid UTF-8 (a malformed sequence of 1 byte); save the file as UTF-8");
  }
}

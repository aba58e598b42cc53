package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEmbedderTest {

  @Test
  void embeddingsEqualTheEncoders_badRowsGetAReason(@TempDir Path dir) throws Exception {
    List<String> texts = new ArrayList<>(SparkFixtures.texts(60));
    texts.set(7, null);
    TextEmbedder embedder = new TextEmbedder().setBatchSize(16);
    List<Row> rows = embedder.transform(SparkFixtures.frame(texts).repartition(2)).orderBy("id").collectAsList();
    assertThat(rows).hasSize(60);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (i == 7) {
        assertThat(r.isNullAt(2)).isTrue();
        assertThat(r.getString(3)).isEqualTo("text is null");
        continue;
      }
      List<Float> got = r.getList(2);
      float[] expected = SparkFixtures.encoder().embed(texts.get(i));
      assertThat(got).hasSize(expected.length);
      for (int d = 0; d < expected.length; d++) {
        assertThat(got.get(d)).isCloseTo(expected[d], within(1e-5f));
      }
      assertThat(r.isNullAt(3)).isTrue();
    }
    embedder.write().overwrite().save(dir.resolve("embedder").toString());
    TextEmbedder loaded = TextEmbedder.load(dir.resolve("embedder").toString());
    assertThat(loaded.getBatchSize()).isEqualTo(16);
    assertThat(loaded.transform(SparkFixtures.frame(texts.subList(0, 3))).columns())
        .containsExactly("id", "text", "embedding", "error");
  }
}

package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.InferenceException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class PartitionMapperTest {

  /** Upper-cases texts; "poison" fails any batch it is in, "nan" fails with a non-finite score. */
  private static Object[][] upperCase(List<String> texts) {
    Object[][] out = new Object[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      if (texts.get(i).equals("poison")) {
        throw new IllegalArgumentException("poisoned text");
      }
      if (texts.get(i).equals("nan")) {
        throw new InferenceException("The score of label 'a' is NaN");
      }
      out[i] = new Object[] {texts.get(i).toUpperCase()};
    }
    return out;
  }

  private static List<Row> run(PartitionMapper mapper, String... texts) throws Exception {
    List<Row> in = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      in.add(RowFactory.create(i, texts[i]));
    }
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = mapper.call(in.iterator());
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void aFailingTextFailsAloneAndKeepsItsRow_batchesStreamInOrder() throws Exception {
    List<Row> out = run(new PartitionMapper(PartitionMapperTest::upperCase, 1, 3, 1),
        "a", "poison", "b", null, "c", "nan", "\u200b", "d");
    assertThat(out).hasSize(8);
    assertThat(out).extracting(r -> r.getInt(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(out).extracting(r -> r.get(2)).containsExactly("A", null, "B", null, "C", null, null, "D");
    assertThat(out).extracting(r -> r.getString(3)).containsExactly(null,
        "IllegalArgumentException: poisoned text", null, "text is null", null,
        "InferenceException: The score of label 'a' is NaN", "text is empty or blank", null);
  }

  @Test
  void aBrokenEncoderFailsTheTaskInsteadOfMarkingEveryRow() {
    BatchFunction closed = texts -> {
      throw new IllegalStateException("This encoder is closed");
    };
    assertThatThrownBy(() -> run(new PartitionMapper(closed, 1, 4, 1), "a", "b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("This encoder is closed");
  }
}

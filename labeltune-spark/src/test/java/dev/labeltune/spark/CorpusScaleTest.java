package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class CorpusScaleTest {

  /**
   * 100,000 rows through the classifier on local[2]: every row answered, none failed, and repeated
   * texts (a corpus's duplicates; 4,000 distinct texts here, so the test stays within a minute) get
   * the same label wherever they fall.
   */
  @Test
  void hundredThousandRowsRunEndToEnd() {
    List<String> distinct = SparkFixtures.texts(4_000);
    List<String> corpus = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      corpus.add(distinct.get((int) ((i * 2_654_435_761L) % distinct.size())));
    }
    Dataset<Row> out = new LabelTuneClassifier().setHead(SparkFixtures.head())
        .transform(SparkFixtures.frame(corpus).repartition(8)).cache();
    assertThat(out.count()).isEqualTo(100_000);
    assertThat(out.where(functions.col("error").isNotNull()).count()).isZero();
    assertThat(out.where(functions.col("prediction").isNull()).count()).isZero();
    long inconsistent = out.groupBy("text").agg(functions.countDistinct("prediction").as("n"))
        .where(functions.col("n").gt(1)).count();
    assertThat(inconsistent).isZero();
    assertThat(out.select("prediction").distinct().count()).isEqualTo(3);
    out.unpersist();
  }
}

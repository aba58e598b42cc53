package dev.labeltune.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.labeltune.IncompatibleHeadException;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.head.HeadProvenance;
import dev.labeltune.head.TaskHead;
import dev.labeltune.head.TextClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTuneClassifierTest {

  @Test
  void predictionsAndProbabilitiesEqualTheLibrarys() {
    List<String> texts = SparkFixtures.texts(300);
    Dataset<Row> out = new LabelTuneClassifier().setHead(SparkFixtures.head())
        .transform(SparkFixtures.frame(texts).repartition(3));
    assertThat(out.columns()).containsExactly("id", "text", "prediction", "probabilities", "error");
    List<Row> rows = new ArrayList<>(out.collectAsList());
    rows.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
    List<Prediction> expected = SparkFixtures.head().bind(SparkFixtures.encoder())
        .classifyBatch(texts, 0);
    assertThat(rows).hasSize(300);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertThat(r.getString(1)).isEqualTo(texts.get(i));
      assertThat(r.getString(2)).as(texts.get(i)).isEqualTo(expected.get(i).label());
      Map<String, Float> probabilities = r.getJavaMap(3);
      assertThat(probabilities).hasSize(3);
      for (LabelScore s : expected.get(i).scores()) {
        assertThat((double) probabilities.get(s.label())).isCloseTo(s.probability(), within(1e-5));
      }
      assertThat(r.isNullAt(4)).isTrue();
    }
    // The synthetic texts span the three labels; a constant answer would pass nothing above by luck.
    assertThat(rows.stream().map(r -> r.getString(2)).distinct()).hasSize(3);
  }

  @Test
  void nullAndBlankRowsGetAReasonAndEveryOtherRowIsClassified() {
    List<String> texts = new ArrayList<>(SparkFixtures.texts(40));
    texts.set(3, null);
    texts.set(10, "");
    texts.set(11, " \u200b\u00a0 ");
    List<Row> rows = new ArrayList<>(new LabelTuneClassifier().setHead(SparkFixtures.head()).setBatchSize(8)
        .transform(SparkFixtures.frame(texts)).collectAsList());
    rows.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
    assertThat(rows).hasSize(40);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (i == 3) {
        assertThat(r.getString(4)).isEqualTo("text is null");
      } else if (i == 10 || i == 11) {
        assertThat(r.getString(4)).isEqualTo("text is empty or blank");
      } else {
        assertThat(r.isNullAt(4)).as("row %d: %s", i, r.getString(4)).isTrue();
        assertThat(r.getString(2)).isIn("billing", "shipping", "account");
        continue;
      }
      assertThat(r.isNullAt(2)).isTrue();
      assertThat(r.isNullAt(3)).isTrue();
    }
  }

  @Test
  void aHeadForAnotherEncoderFailsOnTheDriverBeforeAnyTaskRuns() throws Exception {
    TaskHead real = SparkFixtures.head();
    HeadProvenance p = real.provenance();
    TaskHead foreign = TaskHead.of(real.labels(), real.labelTexts(), real.labelEmbeddings(), real.temperature(),
        real.threshold(), new HeadProvenance("bge-small-en-v15", "sha256:" + "0".repeat(64), p.dimension(),
            p.method(), p.config(), p.cvMacroF1(), p.zeroShotMacroF1(), p.examples(), p.version(), p.created()));
    Dataset<Row> frame = SparkFixtures.frame(SparkFixtures.texts(10));
    AtomicInteger tasks = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskStart(SparkListenerTaskStart taskStart) {
        tasks.incrementAndGet();
      }
    };
    SparkFixtures.spark().sparkContext().addSparkListener(listener);
    try {
      assertThatThrownBy(() -> new LabelTuneClassifier().setHead(foreign).setModel("all-minilm-l6-v2")
          .transform(frame).count())
          .isInstanceOf(IncompatibleHeadException.class)
          .hasMessageContaining("This head was trained for encoder 'bge-small-en-v15'")
          .hasMessageContaining("retrain the head");
      SparkFixtures.spark().sparkContext().listenerBus().waitUntilEmpty();
      assertThat(tasks.get()).isZero();
    } finally {
      SparkFixtures.spark().sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void zeroShotWithLabelsAndTemplate_multiLabelAddsTheLabelsColumn() {
    Dataset<Row> frame = SparkFixtures.frame(List.of("My parcel never arrived", "I was charged twice"));
    List<Row> single = new LabelTuneClassifier().setLabels("billing", "shipping").setTemplate("This ticket is about {}.")
        .transform(frame).orderBy("id").collectAsList();
    assertThat(single.get(0).getString(2)).isEqualTo("shipping");
    assertThat(single.get(1).getString(2)).isEqualTo("billing");
    Dataset<Row> multi = new LabelTuneClassifier().setLabels("billing", "shipping", "weather").setMultiLabel(true)
        .transform(frame);
    assertThat(multi.columns()).containsExactly("id", "text", "prediction", "labels", "probabilities", "error");
    Row first = multi.orderBy("id").first();
    assertThat(first.getList(3)).contains("shipping").doesNotContain("weather");
  }

  @Test
  void aSavedPipelineReproducesItsOutput(@TempDir Path dir) throws Exception {
    Dataset<Row> frame = SparkFixtures.frame(SparkFixtures.texts(50));
    LabelTuneClassifier classifier = new LabelTuneClassifier().setHead(SparkFixtures.head())
        .setPredictionCol("queue").setBatchSize(16);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {classifier}).fit(frame);
    String path = dir.resolve("pipeline").toString();
    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> before = fitted.transform(frame).orderBy("id").collectAsList();
    List<Row> after = loaded.transform(frame).orderBy("id").collectAsList();
    assertThat(loaded.stages()[0]).isInstanceOf(LabelTuneClassifier.class);
    assertThat(((LabelTuneClassifier) loaded.stages()[0]).getBatchSize()).isEqualTo(16);
    assertThat(Arrays.asList(loaded.transform(frame).columns())).contains("queue");
    assertThat(after).isEqualTo(before);
  }

  @Test
  void badParametersAreRefusedWithTheColumnNames() {
    Dataset<Row> frame = SparkFixtures.frame(List.of("a text"));
    assertThatThrownBy(() -> new LabelTuneClassifier().setHead(SparkFixtures.head()).setInputCol("body")
        .transform(frame)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Input column 'body' not found; the columns are [id, text]");
    assertThatThrownBy(() -> new LabelTuneClassifier().setHead(SparkFixtures.head()).setInputCol("id")
        .transform(frame)).hasMessageContaining("must hold strings, found int");
    assertThatThrownBy(() -> new LabelTuneClassifier().setHead(SparkFixtures.head()).setPredictionCol("id")
        .transform(frame)).hasMessageContaining("Output column 'id' already exists");
    assertThatThrownBy(() -> new LabelTuneClassifier().transform(frame))
        .hasMessageContaining("Set a head (setHeadFile) or zero-shot labels (setLabels) first");
  }
}

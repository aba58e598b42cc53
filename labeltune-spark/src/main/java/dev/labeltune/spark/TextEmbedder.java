package dev.labeltune.spark;

import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Adds each text's sentence embedding ({@code array<float>}, L2-normalized as the model defines) and
 * an {@code error} column. The same vectors that task heads score, for users who index, cluster or
 * train their own models on them.
 *
 * @since 0.1
 */
public final class TextEmbedder extends EncoderTransformer<TextEmbedder> {
  private static final long serialVersionUID = 1L;

  private final Param<String> outputCol;

  /** An embedder of the default model with a fresh id. */
  public TextEmbedder() {
    this(newUid("textEmbedder"));
  }

  /** @param uid the instance's id (persistence passes the saved one) */
  public TextEmbedder(String uid) {
    super(uid);
    outputCol = new Param<>(uid, "outputCol", "column added with the embedding");
    setDefault(outputCol, "embedding");
  }

  /** @return a reader for {@code save}d embedders, as Spark's pipeline persistence expects */
  public static MLReader<TextEmbedder> read() {
    return new DefaultParamsReader<>();
  }

  /** @param path where an embedder was saved @return the embedder */
  public static TextEmbedder load(String path) {
    return read().load(path);
  }

  /** @return the output column parameter */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** @param value the embedding column @return this */
  public TextEmbedder setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  @Override
  protected TextEmbedder self() {
    return this;
  }

  @Override
  protected List<StructField> outputFields() {
    return List.of(DataTypes.createStructField($(outputCol), DataTypes.createArrayType(DataTypes.FloatType, false), true));
  }

  @Override
  protected BatchFunction prepare(SparkSession spark, EncoderKey key) {
    key.encoder();
    return texts -> {
      float[][] vectors = key.encoder().embedBatch(texts);
      Object[][] out = new Object[vectors.length][];
      for (int i = 0; i < vectors.length; i++) {
        out[i] = new Object[] {vectors[i]};
      }
      return out;
    };
  }
}

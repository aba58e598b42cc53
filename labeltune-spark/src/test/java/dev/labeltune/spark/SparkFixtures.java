package dev.labeltune.spark;

import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.ModelRegistry;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.head.HeadTrainer;
import dev.labeltune.head.TaskHead;
import dev.labeltune.tuning.LabelTunerOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local[2] session, the real default model and a small support-ticket task shared by the tests. */
final class SparkFixtures {
  private static SparkSession spark;
  private static OnnxEncoder encoder;
  private static TaskHead head;

  private SparkFixtures() {}

  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[2]").appName("labeltune-spark-tests")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }
    return spark;
  }

  /** The default model as the library opens it, for reference outputs. */
  static synchronized OnnxEncoder encoder() {
    if (encoder == null) {
      encoder = ModelRegistry.load(ModelRegistry.DEFAULT_MODEL);
    }
    return encoder;
  }

  static List<LabeledText> examples() {
    List<LabeledText> out = new ArrayList<>();
    String[][] data = {
        {"billing", "I was charged twice for my order"}, {"billing", "The invoice shows the wrong amount"},
        {"billing", "Please refund the extra fee on my card"}, {"billing", "Why did my subscription price go up"},
        {"shipping", "My parcel never arrived"}, {"shipping", "The package is stuck in transit for a week"},
        {"shipping", "Tracking says delivered but nothing came"}, {"shipping", "Can you ship to another address"},
        {"account", "I cannot log in to my account"}, {"account", "How do I reset my password"},
        {"account", "Please delete my profile and data"}, {"account", "My email address needs to be changed"}};
    for (String[] d : data) {
      out.add(new LabeledText(d[1], List.of(d[0])));
    }
    return out;
  }

  /** A head label-tuned on {@link #examples()} with seed 0. */
  static synchronized TaskHead head() {
    if (head == null) {
      head = new HeadTrainer(encoder(), LabelTunerOptions.defaults().withSeed(0)).train(examples(), TaskSpec.empty());
    }
    return head;
  }

  /** @return n distinct ticket-like texts of varied length */
  static List<String> texts(int n) {
    String[] openers = {"Hello,", "Hi team,", "Urgent:", "", "Dear support,", "Quick question:"};
    String[] bodies = {"my card was billed two times", "the courier lost my box", "I forgot my password again",
        "the refund has not reached my bank", "where is my delivery", "I want to close my account",
        "the total on the receipt is wrong", "the shipment went to my old address",
        "two-factor login keeps failing", "you charged me after I cancelled"};
    String[] tails = {"", "Thanks.", "Please help as soon as possible, this has been going on for days.",
        "Order number attached.", "I have asked twice already and nobody answered my emails."};
    List<String> out = new ArrayList<>(n);
    for (int i = 0; out.size() < n; i++) {
      String text = (openers[i % openers.length] + " " + bodies[(i / openers.length) % bodies.length] + " "
          + tails[(i / (openers.length * bodies.length)) % tails.length]).trim() + " #" + i;
      out.add(text);
    }
    return out;
  }

  /** @return a frame of (id, text) rows */
  static Dataset<Row> frame(List<String> texts) {
    StructType schema = new StructType().add("id", DataTypes.IntegerType, false).add("text", DataTypes.StringType, true);
    List<Row> rows = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    return spark().createDataFrame(rows, schema);
  }
}

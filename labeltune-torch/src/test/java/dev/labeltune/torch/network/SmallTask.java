package dev.labeltune.torch.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The small three-label task the trainers' tests learn, and how they compare embeddings. */
public final class SmallTask {
  private SmallTask() {}

  /** Labels whose names say little, so zero-shot is weak and the examples must teach the task. */
  public static final List<String> LABEL_TEXTS = List.of("category alpha", "category beta", "category gamma");
  public static final List<String> TRAIN = List.of(
      "The striker scored twice in the final minutes.", "Our goalkeeper saved a penalty.",
      "The league title was decided on the last match day.", "She won the marathon in record time.",
      "The central bank raised interest rates again.", "Shares fell sharply after the earnings report.",
      "Inflation slowed for the third month in a row.", "The company announced a merger with its rival.",
      "Preheat the oven and butter the baking dish.", "Simmer the sauce until it thickens.",
      "Add a pinch of salt to the boiling pasta water.", "Whisk the eggs with sugar until pale.");
  public static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
  public static final List<String> TEST = List.of("The coach was sacked after five defeats.",
      "Bond yields climbed on inflation fears.", "Fold the cream gently into the chocolate.",
      "The tennis final went to five sets.", "The stock market closed at a record high.",
      "Roast the vegetables for forty minutes.");
  public static final int[] TEST_LABELS = {0, 1, 2, 0, 1, 2};

  /** @return the largest absolute difference between two matrices of one shape */
  public static double maxAbsDifference(float[][] a, float[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).hasSameSizeAs(a[i]);
      for (int j = 0; j < a[i].length; j++) {
        max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return max;
  }}

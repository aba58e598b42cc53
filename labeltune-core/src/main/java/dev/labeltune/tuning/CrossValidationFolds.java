package dev.labeltune.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified folds as in the paper's code: within each class (the argmax of the target row),
 * examples are dealt to folds in turn, in input order. Deterministic; callers shuffle the input if
 * they want random folds.
 */
final class CrossValidationFolds {
  private CrossValidationFolds() {}

  /**
   * @param classOf class index of each example
   * @param classes number of classes
   * @param folds number of folds, at least 2
   * @return the example indices of each fold, ascending
   */
  static int[][] stratified(int[] classOf, int classes, int folds) {
    List<List<Integer>> out = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      out.add(new ArrayList<>());
    }
    int[] seen = new int[classes];
    for (int i = 0; i < classOf.length; i++) {
      out.get(seen[classOf[i]]++ % folds).add(i);
    }
    int[][] result = new int[folds][];
    for (int f = 0; f < folds; f++) {
      result[f] = out.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return result;
  }

  /**
   * @param folds the folds
   * @param held the held-out fold
   * @param n number of examples
   * @return the indices outside fold {@code held}, ascending
   */
  static int[] complement(int[][] folds, int held, int n) {
    boolean[] out = new boolean[n];
    for (int i : folds[held]) {
      out[i] = true;
    }
    int[] rest = new int[n - folds[held].length];
    int p = 0;
    for (int i = 0; i < n; i++) {
      if (!out[i]) {
        rest[p++] = i;
      }
    }
    return rest;
  }
}

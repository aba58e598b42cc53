package dev.labeltune.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a pool of tokenized texts is cut into forward passes: sorted longest first, a batch takes texts
 * while its padded size (texts times the longest's tokens) stays within the token budget and no text
 * is much shorter than the longest, so that a small pool of mixed lengths is not padded to its
 * longest text. In a large sorted pool neighbours have nearly equal lengths and batches stay full.
 *
 * @param order text indices, longest first
 * @param batches the forward passes, over positions of {@code order}
 * @since 0.1
 */
public record BatchPlan(int[] order, List<Batch> batches) {

  /**
   * One forward pass.
   *
   * @param start first position in the plan's order
   * @param end one past the last position
   * @param seqLen tokens of its longest text, the padded length
   * @param tokens real tokens of its texts
   */
  public record Batch(int start, int end, int seqLen, long tokens) {
    /** @return texts in the batch */
    public int rows() {
      return end - start;
    }

    /** @return tokens the model computes, padding included */
    public long paddedTokens() {
      return (long) rows() * seqLen;
    }
  }

  /**
   * @param lengths each text's token count
   * @param budget the most padded tokens per pass; a longer text runs alone
   * @return the plan
   */
  public static BatchPlan of(int[] lengths, int budget) {
    Integer[] boxed = new Integer[lengths.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Integer.compare(lengths[b], lengths[a]));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    List<Batch> batches = new ArrayList<>();
    for (int start = 0, end; start < order.length; start = end) {
      int seqLen = lengths[order[start]];
      long tokens = seqLen;
      end = start + 1;
      while (end < order.length && fits(end - start + 1, seqLen, lengths[order[end]], budget)) {
        tokens += lengths[order[end]];
        end++;
      }
      batches.add(new Batch(start, end, seqLen, tokens));
    }
    return new BatchPlan(order, List.copyOf(batches));
  }

  private static boolean fits(int rows, int seqLen, int length, int budget) {
    return (long) rows * seqLen <= budget && similar(seqLen, length);
  }

  /**
   * Whether a text may share a forward pass with a longer one without wasting much of the pass on
   * padding: within 80% of its length, or 8 tokens.
   *
   * @param longest tokens of the pass's longest text
   * @param length tokens of a text no longer than it
   * @return whether they share a pass
   */
  public static boolean similar(int longest, int length) {
    return length >= longest * 4 / 5 || longest - length <= 8;
  }
}

package dev.labeltune.torch.ytuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Pads the token features of some texts into the {@code [batch, tokens, hidden]} + mask inputs of a {@link LabelDecoder}. */
final class TokenBatch {
  private TokenBatch() {}

  /**
   * @param manager owns the arrays
   * @param features per text, {@code tokens x hidden} states without padding
   * @param rows which texts, in batch order
   * @return features and mask
   */
  static NDList of(NDManager manager, float[][][] features, List<Integer> rows) {
    int hidden = features[rows.get(0)][0].length;
    int tokens = 0;
    for (int r : rows) {
      tokens = Math.max(tokens, features[r].length);
    }
    float[] flat = new float[rows.size() * tokens * hidden];
    float[] mask = new float[rows.size() * tokens];
    for (int b = 0; b < rows.size(); b++) {
      float[][] states = features[rows.get(b)];
      for (int t = 0; t < states.length; t++) {
        System.arraycopy(states[t], 0, flat, (b * tokens + t) * hidden, hidden);
        mask[b * tokens + t] = 1f;
      }
    }
    NDArray x = manager.create(flat, new Shape(rows.size(), tokens, hidden));
    NDArray m = manager.create(mask, new Shape(rows.size(), tokens));
    return new NDList(x, m);
  }
}

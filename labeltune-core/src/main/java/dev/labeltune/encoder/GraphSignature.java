package dev.labeltune.encoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.labeltune.ModelLoadException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an encoder graph takes and gives: the inputs a sentence encoder feeds and the output it reads,
 * token states (pooled here) or a pooled sentence embedding.
 *
 * @param feedTokenTypes whether the graph takes token type ids
 * @param tokenOutput the rank-3 output of token states, or null
 * @param sentenceOutput the rank-2 sentence embedding, or null when there are token states
 */
record GraphSignature(boolean feedTokenTypes, String tokenOutput, String sentenceOutput) {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final List<String> TOKEN_OUTPUT_NAMES = List.of("last_hidden_state", "token_embeddings");
  private static final String SENTENCE_OUTPUT_NAME = "sentence_embedding";

  /** @throws ModelLoadException if the graph is not a sentence encoder's */
  static GraphSignature read(String name, OrtSession session) throws OrtException {
    Set<String> inputs = session.getInputNames();
    for (String required : List.of(INPUT_IDS, ATTENTION_MASK)) {
      if (!inputs.contains(required)) {
        throw new ModelLoadException("Invalid model '" + name + "': expected input '" + required
            + "', found " + inputs);
      }
    }
    for (String input : inputs) {
      if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(input)) {
        throw new ModelLoadException("Invalid model '" + name + "': unsupported input '" + input
            + "'; a sentence encoder takes " + List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS));
      }
    }
    Map<String, Integer> ranks = outputRanks(session.getOutputInfo());
    String tokenOutput = pickOutput(ranks, TOKEN_OUTPUT_NAMES, 3);
    String sentenceOutput = pickOutput(ranks, List.of(SENTENCE_OUTPUT_NAME), 2);
    if (tokenOutput == null && sentenceOutput == null) {
      throw new ModelLoadException("Invalid model '" + name + "': expected an output of rank 3 "
          + "(token states) or rank 2 (sentence embedding), found " + ranks);
    }
    return new GraphSignature(inputs.contains(TOKEN_TYPE_IDS), tokenOutput, sentenceOutput);
  }

  private static Map<String, Integer> outputRanks(Map<String, NodeInfo> outputs) {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo t) {
        ranks.put(e.getKey(), t.getShape().length);
      }
    }
    return ranks;
  }

  /** Prefers an output by its conventional name, else the first of the wanted rank. */
  private static String pickOutput(Map<String, Integer> ranks, List<String> names, int rank) {
    for (String n : names) {
      if (Integer.valueOf(rank).equals(ranks.get(n))) {
        return n;
      }
    }
    if (rank == 2 && ranks.containsValue(3)) {
      return null;
    }
    for (Map.Entry<String, Integer> e : ranks.entrySet()) {
      if (e.getValue() == rank) {
        return e.getKey();
      }
    }
    return null;
  }
}

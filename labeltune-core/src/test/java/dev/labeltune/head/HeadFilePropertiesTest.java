package dev.labeltune.head;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labeltune.LabelTuneException;
import dev.labeltune.classify.LabelScore;
import dev.labeltune.classify.Prediction;
import dev.labeltune.testing.FakeEncoder;
import dev.labeltune.testing.HeadFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of a valid head file, signed again so the checksum passes: every one either
 * loads and predicts finite probabilities, or fails with a {@link LabelTuneException} that says what
 * is wrong. Never an out-of-memory error, a NaN or another exception.
 */
class HeadFilePropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HeadLimits LIMITS = new HeadLimits(1 << 20, 1000, 1024);
  private static final ObjectNode VALID = validHead();

  private static ObjectNode validHead() {
    try {
      Path file = Files.createTempFile("labeltune-valid", ".head.json");
      TaskHeadTest.trained(new FakeEncoder(8)).save(file);
      ObjectNode root = HeadFiles.read(file);
      Files.delete(file);
      return root;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A mutation: a seed that picks the node, what to do to it, and the new value. */
  record Mutation(long seed, int kind) {}

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Arbitraries.longs().flatMap(seed -> Arbitraries.integers().between(0, 7)
        .map(kind -> new Mutation(seed, kind)));
    return one.list().ofMinSize(1).ofMaxSize(3);
  }

  @Property(tries = 2000)
  void mutatedHeadsLoadAndPredictFinitelyOrFailClearly(@ForAll("mutations") List<Mutation> mutations)
      throws IOException {
    ObjectNode root = VALID.deepCopy();
    for (Mutation m : mutations) {
      apply(root, m);
    }
    byte[] bytes = HeadFiles.signed(root);
    TaskHead head;
    try {
      head = TaskHead.fromBytes(bytes, "mutated", LIMITS);
    } catch (LabelTuneException e) {
      assertThat(e.getMessage()).matches("(?s)(Corrupt head file mutated: |mutated is not a LabelTune task head ).{10,}");
      return;
    }
    float[] embedding = new FakeEncoder(head.provenance().dimension()).embed("some text to classify");
    Prediction p = head.predict(embedding, 0);
    for (LabelScore s : p.scores()) {
      assertThat(s.probability()).isFinite().isBetween(0.0, 1.0);
    }
  }

  private static void apply(ObjectNode root, Mutation m) {
    Random random = new Random(m.seed());
    List<JsonNode[]> slots = new ArrayList<>();
    collect(root, slots);
    JsonNode[] slot = slots.get(random.nextInt(slots.size()));
    JsonNode parent = slot[0];
    JsonNode key = slot[1];
    JsonNode old = slot[2];
    JsonNode value = switch (m.kind()) {
      case 0 -> NODES.numberNode(interestingNumber(random));
      case 1 -> NODES.textNode(randomText(random));
      case 2 -> NODES.booleanNode(random.nextBoolean());
      case 3 -> NODES.nullNode();
      case 4 -> old.isTextual() && !old.asText().isEmpty()
          ? NODES.textNode(old.asText().substring(0, random.nextInt(old.asText().length()))) : NODES.arrayNode();
      case 5 -> NODES.textNode(randomBase64(random));
      case 6 -> old.isNumber() ? NODES.numberNode(old.asDouble() * interestingNumber(random)) : NODES.objectNode();
      default -> null;
    };
    if (parent instanceof ObjectNode o) {
      if (value == null) {
        o.remove(key.asText());
      } else {
        o.set(key.asText(), value);
      }
    } else if (parent instanceof ArrayNode a) {
      if (value == null) {
        a.remove(key.asInt());
      } else {
        a.set(key.asInt(), value);
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode[]> slots) {
    if (node instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> {
        slots.add(new JsonNode[] {o, NODES.textNode(e.getKey()), e.getValue()});
        collect(e.getValue(), slots);
      });
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        slots.add(new JsonNode[] {a, NODES.numberNode(i), a.get(i)});
        collect(a.get(i), slots);
      }
    }
  }

  private static double interestingNumber(Random random) {
    double[] edges = {0, -1, 1, 1e-320, -1e300, 1e300, Float.MAX_VALUE, -Float.MAX_VALUE, Integer.MAX_VALUE,
        536_871_488, 1e9, Long.MAX_VALUE, 0.5, 2, 1e-7, 4096, 1025};
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextGaussian() * 1e3;
  }

  private static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append((char) random.nextInt(0x3000));
    }
    return s.toString();
  }

  private static String randomBase64(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    if (random.nextInt(4) == 0) {
      for (int i = 0; i + 3 < bytes.length; i += 4) {
        int bits = Float.floatToIntBits(random.nextBoolean() ? Float.MAX_VALUE : Float.NaN);
        bytes[i] = (byte) bits;
        bytes[i + 1] = (byte) (bits >> 8);
        bytes[i + 2] = (byte) (bits >> 16);
        bytes[i + 3] = (byte) (bits >> 24);
      }
    }
    String s = Base64.getEncoder().encodeToString(bytes);
    return random.nextInt(5) == 0 && !s.isEmpty() ? s.substring(1) : s;
  }
}

package dev.labeltune.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.testing.RealModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zero-shot on the real all-minilm-l6-v2 model with clearly worded examples. */
class ZeroShotRealModelTest {
  private final ZeroShotClassifier classifier = ZeroShotClassifier.builder(RealModels.miniLm())
      .labels(List.of("billing", "shipping", "technical problem", "account access"))
      .template("This support ticket is about {}.")
      .build();

  @Test
  void classify_clearTickets() {
    Map<String, String> tickets = Map.of(
        "I was charged twice for my subscription, please refund me.", "billing",
        "My parcel has not been delivered and the tracking shows nothing.", "shipping",
        "The app crashes every time I open it on my phone.", "technical problem",
        "I forgot my password and cannot log in to my account.", "account access");
    tickets.forEach((text, label) -> assertThat(classifier.classify(text).label()).as(text).isEqualTo(label));
  }

  @Test
  void classify_probabilitiesCoverEveryLabel() {
    Prediction p = classifier.classify("Where is my package?");
    assertThat(p.scores()).hasSize(4);
    assertThat(p.scores().stream().mapToDouble(LabelScore::probability).sum()).isBetween(0.999, 1.001);
    assertThat(p.scores().get(0).score()).isGreaterThanOrEqualTo(p.scores().get(1).score());
  }
}

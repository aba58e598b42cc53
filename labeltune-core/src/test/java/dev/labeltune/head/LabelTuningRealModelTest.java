package dev.labeltune.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.classify.ZeroShotClassifier;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.testing.RealModels;
import dev.labeltune.tuning.LabelTunerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the real all-minilm-l6-v2 model, label tuning learns a task whose label names say nothing
 * useful (team codes), where zero-shot is close to chance.
 */
class LabelTuningRealModelTest {
  private static final List<LabeledText> TRAIN = List.of(
      LabeledText.of("The striker scored in the last minute of the match.", "team-blue"),
      LabeledText.of("Our goalkeeper saved two penalties tonight.", "team-blue"),
      LabeledText.of("The coach changed the lineup before the derby.", "team-blue"),
      LabeledText.of("Fans celebrated the championship title in the stadium.", "team-blue"),
      LabeledText.of("The referee gave a red card after the foul.", "team-blue"),
      LabeledText.of("He ran the marathon in under three hours.", "team-blue"),
      LabeledText.of("Simmer the onions until golden, then add garlic.", "team-red"),
      LabeledText.of("Bake the bread at 220 degrees for forty minutes.", "team-red"),
      LabeledText.of("Whisk the eggs with sugar until fluffy.", "team-red"),
      LabeledText.of("Season the soup with salt, pepper and fresh herbs.", "team-red"),
      LabeledText.of("Marinate the chicken overnight in lemon and yogurt.", "team-red"),
      LabeledText.of("Chop the tomatoes and toss them with olive oil.", "team-red"));
  private static final List<LabeledText> TEST = List.of(
      LabeledText.of("The midfielder was injured during training.", "team-blue"),
      LabeledText.of("The tennis final went to five sets.", "team-blue"),
      LabeledText.of("Our team won the cup after extra time.", "team-blue"),
      LabeledText.of("The cyclist won the mountain stage.", "team-blue"),
      LabeledText.of("Knead the dough for ten minutes.", "team-red"),
      LabeledText.of("Fry the mushrooms in butter.", "team-red"),
      LabeledText.of("Add a pinch of cinnamon to the apple pie.", "team-red"),
      LabeledText.of("Roast the vegetables with rosemary.", "team-red"));

  @Test
  void tunedHeadBeatsZeroShot() {
    OnnxEncoder encoder = RealModels.miniLm();
    TaskHead head = new HeadTrainer(encoder, LabelTunerOptions.defaults().withSeed(1)).train(TRAIN, TaskSpec.empty());
    TextClassifier tuned = head.bind(encoder);
    ZeroShotClassifier zeroShot = ZeroShotClassifier.builder(encoder).labels(head.labels()).build();
    int tunedCorrect = 0;
    int zeroShotCorrect = 0;
    for (LabeledText t : TEST) {
      tunedCorrect += tuned.classify(t.text()).label().equals(t.label()) ? 1 : 0;
      zeroShotCorrect += zeroShot.classify(t.text()).label().equals(t.label()) ? 1 : 0;
    }
    assertThat(tunedCorrect).isEqualTo(TEST.size());
    assertThat(tunedCorrect).isGreaterThan(zeroShotCorrect);
    assertThat(head.provenance().config()).isPresent();
    assertThat(head.provenance().cvMacroF1()).isGreaterThan(head.provenance().zeroShotMacroF1());
  }
}

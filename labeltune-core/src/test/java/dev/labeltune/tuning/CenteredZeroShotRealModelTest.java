package dev.labeltune.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.encoder.OnnxEncoder;
import dev.labeltune.math.Vectors;
import dev.labeltune.testing.RealModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On the real all-minilm-l6-v2 model, an English encoder reading German tweets: its zero-shot prior
 * leans towards one label, centering it on the examples' scores corrects the lean, and the default
 * stack uses the centered prior.
 */
class CenteredZeroShotRealModelTest {
  private static final List<String> LABELS = List.of("Dieser Tweet ist harmlos.", "Dieser Tweet ist beleidigend.");
  private static final List<String> HARMLESS = List.of(
      "Schönen Sonntag euch allen, heute geht es an den See.",
      "Danke für die Einladung, wir kommen gerne vorbei!",
      "Der neue Bahnhof ist endlich fertig, sieht gut aus.",
      "Wer hat Tipps für ein gutes Kochbuch?",
      "Heute Abend spielt unsere Mannschaft, ich freue mich.",
      "Interessanter Artikel über Solarenergie, lesenswert.",
      "Glückwunsch zum Geburtstag, lieber Thomas!",
      "Das Wetter in Hamburg ist heute wunderbar.");
  private static final List<String> OFFENSIVE = List.of(
      "Du bist ein dummer Idiot und solltest die Klappe halten.",
      "Was für ein erbärmlicher Versager, dieser Minister.",
      "Halt dein dreckiges Maul, du Vollpfosten.",
      "Diese Politiker sind alle korrupte Lügner und Verbrecher.",
      "Verpiss dich, du widerlicher Hetzer.",
      "Nur Schwachköpfe wählen so eine Partei.",
      "Du bist so hässlich und blöd, unglaublich.",
      "Diese Journalisten sind dreckige Lügenpresse.");
  private static final List<String> TEST_HARMLESS = List.of(
      "Wir wünschen allen ein frohes neues Jahr!",
      "Das Konzert gestern war richtig schön.",
      "Morgen gibt es frische Brötchen beim Bäcker.",
      "Vielen Dank für die schnelle Hilfe.");
  private static final List<String> TEST_OFFENSIVE = List.of(
      "Du bist ein ekelhafter Lügner und Idiot.",
      "Was für ein dummer Schwachkopf, dieser Moderator.",
      "Halt die Klappe, du erbärmlicher Verbrecher.",
      "Diese Partei besteht nur aus korrupten Idioten.");

  @Test
  void centeringTheZeroShotPriorOnTheExamplesCorrectsItsLean() {
    OnnxEncoder encoder = RealModels.miniLm();
    float[][] y0 = encoder.embedBatch(LABELS);
    float[][] x = encoder.embedBatch(concat(HARMLESS, OFFENSIVE));
    int[] labels = labelsOf(HARMLESS.size(), x.length);
    float[][] test = encoder.embedBatch(concat(TEST_HARMLESS, TEST_OFFENSIVE));
    int[] testLabels = labelsOf(TEST_HARMLESS.size(), test.length);

    float[] scores = new float[x.length * 2];
    int[] all = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      all[i] = i;
      System.arraycopy(Vectors.dotRows(y0, x[i]), 0, scores, 2 * i, 2);
    }
    float[] bias = CandidateSelection.centering(scores, all, labels, 2);
    int[] rawCalls = new int[2];
    int[] centeredCalls = new int[2];
    for (int i = 0; i < x.length; i++) {
      rawCalls[scores[2 * i + 1] > scores[2 * i] ? 1 : 0]++;
      centeredCalls[scores[2 * i + 1] + bias[1] > scores[2 * i] + bias[0] ? 1 : 0]++;
    }
    // The encoder calls three of four examples offensive; the offsets move towards harmless, and the
    // centered calls split more evenly.
    assertThat(rawCalls[1]).isGreaterThanOrEqualTo(3 * rawCalls[0]);
    assertThat(bias[0]).isGreaterThan(bias[1]);
    assertThat(Math.abs(centeredCalls[1] - centeredCalls[0])).isLessThan(rawCalls[1] - rawCalls[0]);

    LabelTuningResult r = new LabelTuner(LabelTunerOptions.defaults().withSeed(1)).tune(x, labels, y0);
    assertThat(r.candidates().get(1).kind()).isEqualTo(LabelTuningResult.Kind.CENTERED_ZERO_SHOT);
    assertThat(r.candidates().get(1).weight()).isPositive();
    assertThat(r.candidates().get(0).weight()).isZero();
    assertThat(correct(r.probabilities(test), testLabels)).isGreaterThan(correct(rawScores(y0, test), testLabels))
        .isGreaterThanOrEqualTo(7);
  }

  private static int[] labelsOf(int firstOfLabel1, int n) {
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, firstOfLabel1, n, 1);
    return labels;
  }

  private static float[][] rawScores(float[][] y0, float[][] texts) {
    float[][] out = new float[texts.length][];
    java.util.Arrays.setAll(out, i -> Vectors.dotRows(y0, texts[i]));
    return out;
  }

  private static int correct(float[][] scores, int[] labels) {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += Vectors.argmax(scores[i]) == labels[i] ? 1 : 0;
    }
    return correct;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}

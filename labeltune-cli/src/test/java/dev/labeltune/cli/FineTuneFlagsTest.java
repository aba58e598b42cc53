package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labeltune.torch.finetune.FineTuneOptions;
import dev.labeltune.torch.finetune.LossScale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

class FineTuneFlagsTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin FineTuneFlags flags;
    @Mixin TrainingFlags training;
  }

  private static FineTuneOptions parse(String... args) {
    Probe probe = new Probe();
    CommandLine line = new CommandLine(probe);
    line.parseArgs(args);
    return probe.flags.options(line.getCommandSpec(), probe.training, 64, 7);
  }

  @Test
  void noFlags_giveTheDefaultsWithTheRunsLengthAndSeed() {
    assertThat(parse()).isEqualTo(FineTuneOptions.defaults().toBuilder().maxLength(64).seed(7).build());
  }

  @Test
  void everyOptimizerSettingCanBeChanged() {
    FineTuneOptions o = parse("--learning-rate", "2e-5", "--warmup", "0", "--weight-decay", "0",
        "--max-grad-norm", "Infinity", "--scale", "1", "--epochs", "3");
    assertThat(o.training().learningRate()).isEqualTo(2e-5f);
    assertThat(o.warmupFraction()).isZero();
    assertThat(o.training().weightDecay()).isZero();
    assertThat(o.training().maxGradNorm()).isInfinite();
    assertThat(o.scale()).isEqualTo(LossScale.fixed(1));
    assertThat(o.training().epochs()).isEqualTo(3);
  }

  @Test
  void scale_isAutoByDefaultAndAcceptsTheWord() {
    assertThat(parse().scale()).isEqualTo(LossScale.byLabels());
    assertThat(parse("--scale", "AUTO").scale()).isEqualTo(LossScale.byLabels());
  }

  @Test
  void aScaleThatIsNeitherANumberNorAuto_isAUsageErrorNamingTheOption() {
    assertThatThrownBy(() -> parse("--scale", "big"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--scale")
        .hasMessageContaining("'big'");
    assertThatThrownBy(() -> parse("--scale", "-1"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void anInvalidSetting_isAUsageErrorNamingIt() {
    assertThatThrownBy(() -> parse("--warmup", "1.5"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("warmupFraction");
  }
}

package dev.labeltune.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.encoder.RuntimeOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void passBudget_defaultsToTheTokensPerThreadOfEachWorkersPasses() {
    ServerConfig perCore = ServerConfig.builder(Path.of("data")).encoderWorkers(CORES).build();
    assertThat(perCore.encoderThreads()).isEqualTo(1);
    assertThat(perCore.batchTokens()).isEqualTo(RuntimeOptions.TOKENS_PER_THREAD);

    ServerConfig one = ServerConfig.builder(Path.of("data")).encoderWorkers(1).build();
    assertThat(one.encoderThreads()).isEqualTo(CORES);
    assertThat(one.batchTokens()).isEqualTo(RuntimeOptions.TOKENS_PER_THREAD * CORES);

    // More workers than cores: each pass still has a thread, and the budget of one.
    ServerConfig crowded = ServerConfig.builder(Path.of("data")).encoderWorkers(2 * CORES).build();
    assertThat(crowded.encoderThreads()).isEqualTo(1);
    assertThat(crowded.batchTokens()).isEqualTo(RuntimeOptions.TOKENS_PER_THREAD);
  }

  @Test
  void passBudget_aGivenBudgetIsKeptWhateverTheWorkers() {
    ServerConfig config = ServerConfig.builder(Path.of("data")).batchTokens(2048).encoderWorkers(CORES).build();
    assertThat(config.batchTokens()).isEqualTo(2048);
    assertThat(config.toBuilder().encoderWorkers(1).build().batchTokens()).isEqualTo(2048);
  }
}

package dev.labeltune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labeltune.cli.LabelTuneCommandTest.Run;
import dev.labeltune.server.store.sqlite.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'store migrate' refuses what it cannot copy in one line each; the copy itself is StoreCopyTest's. */
class StoreCommandTest {
  @TempDir
  Path dir;

  @Test
  void migrate_aDirectoryWithoutAStore_isAUsageError() {
    Run r = LabelTuneCommandTest.run("store", "migrate", "--from", dir.toString(), "--to", "postgresql://db/x?user=u");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("holds no labeltune.db").contains("Try 'labeltune store migrate --help'");
  }

  @Test
  void migrate_aPasswordInTheUrl_isRefusedInOneLineWithoutShowingIt() {
    SqliteStore.open(dir.resolve("labeltune.db")).close();
    Run r = LabelTuneCommandTest.run("store", "migrate", "--from", dir.toString(), "--to",
        "postgresql://lt:s3cret@db/labeltune");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines()).singleElement().asString().contains("--to").contains("LABELTUNE_STORE_PASSWORD")
        .doesNotContain("s3cret");
  }

  @Test
  void migrate_anUnreachableServer_isOneLineNamingIt() {
    SqliteStore.open(dir.resolve("labeltune.db")).close();
    Run r = LabelTuneCommandTest.run("store", "migrate", "--from", dir.toString(), "--to",
        "postgresql://127.0.0.1:1/labeltune?user=lt");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines()).singleElement().asString()
        .contains("Cannot connect to the store jdbc:postgresql://127.0.0.1:1/labeltune");
  }
}

package dev.labeltune.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresLocationTest {
  @Test
  void parse_acceptsTheUsualSpellings() {
    assertThat(PostgresLocation.parse("postgresql://db.internal:5433/labeltune?user=lt", null).jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:5433/labeltune?user=lt");
    assertThat(PostgresLocation.parse("postgres://lt@db/labeltune", "pw").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/labeltune?user=lt");
    assertThat(PostgresLocation.parse("jdbc:postgresql://db/labeltune?user=lt&sslmode=require", "").password()).isNull();
  }

  @Test
  void parse_refusesAPasswordInTheUrlWithoutShowingIt() {
    for (String url : new String[] {"postgresql://lt:s3cret@db/labeltune", "postgresql://db/labeltune?user=lt&password=s3cret"}) {
      assertThatThrownBy(() -> PostgresLocation.parse(url, null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LABELTUNE_STORE_PASSWORD").hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void parse_refusesOtherUrlsNamingTheExpectedShape() {
    assertThatThrownBy(() -> PostgresLocation.parse("mysql://db/x", null)).hasMessageContaining("postgresql://host");
    assertThatThrownBy(() -> PostgresLocation.parse("postgresql://db", null)).hasMessageContaining("database");
  }

  @Test
  void theLocationAsTextNeverHoldsThePassword() {
    PostgresLocation location = PostgresLocation.parse("postgresql://db/labeltune?user=lt", "s3cret");
    assertThat(location.toString()).doesNotContain("s3cret");
    assertThat(location.password()).isEqualTo("s3cret");
  }
}

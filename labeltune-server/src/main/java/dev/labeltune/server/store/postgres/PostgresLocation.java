package dev.labeltune.server.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a PostgreSQL store is: a URL as users write it ({@code postgresql://host:port/db?user=...},
 * also {@code postgres://} or {@code jdbc:postgresql://}) and a password kept apart from it, so the
 * URL can be shown and logged and the password never is.
 *
 * @param jdbcUrl the JDBC URL, without a password
 * @param password the password, or null for none (trust or peer authentication)
 */
public record PostgresLocation(String jdbcUrl, String password) {
  /** Validates. */
  public PostgresLocation {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /**
   * @param url the store URL as given
   * @param password the password from the environment or a file, or null
   * @return the location
   * @throws IllegalArgumentException if the URL is not a PostgreSQL URL, or carries a password
   */
  public static PostgresLocation parse(String url, String password) {
    String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
    String scheme = rest.startsWith("postgresql://") ? "postgresql://" : rest.startsWith("postgres://") ? "postgres://"
        : null;
    if (scheme == null) {
      throw new IllegalArgumentException("A store URL looks like postgresql://host:5432/database?user=name, not '"
          + shown(url) + "'");
    }
    URI uri;
    try {
      uri = new URI("postgresql://" + rest.substring(scheme.length()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The store URL '" + shown(url) + "' is malformed: " + e.getReason(), e);
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("The store URL '" + shown(url) + "' needs a host and a database, as in "
          + "postgresql://host:5432/database?user=name");
    }
    if (uri.getUserInfo() != null && uri.getUserInfo().contains(":") || hasPasswordParameter(uri.getRawQuery())) {
      throw new IllegalArgumentException("The store URL must not hold the password (command lines and logs show "
          + "it); give it in LABELTUNE_STORE_PASSWORD or a file named by --store-password-file");
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath());
    String query = uri.getRawQuery();
    if (uri.getUserInfo() != null) {
      query = (query == null ? "" : query + "&") + "user=" + uri.getUserInfo();
    }
    if (query != null) {
      jdbc.append('?').append(query);
    }
    return new PostgresLocation(jdbc.toString(), password == null || password.isEmpty() ? null : password);
  }

  private static boolean hasPasswordParameter(String query) {
    return query != null && Arrays.stream(query.split("&")).anyMatch(p -> p.toLowerCase().startsWith("password="));
  }

  /** @return the URL with anything after '?' that names a password cut, for messages */
  private static String shown(String url) {
    return url.replaceAll("(?i)password=[^&]*", "password=***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
  }

  /** @return the JDBC URL, which never holds the password */
  @Override
  public String toString() {
    return jdbcUrl;
  }
}

package dev.looplab.lessons.decisions;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a database listens, parsed from {@code postgresql://user[:password]@host:port/database} or
 * {@code redis://host:port}. A malformed URL is an {@link IllegalArgumentException} whose message
 * says what form was expected.
 */
public record DatabaseUrl(String scheme, String host, int port, String user, String password, String database) {

  static final String POSTGRES_FORM = "postgresql://user[:password]@host:port/database";
  static final String REDIS_FORM = "redis://host:port";

  public static DatabaseUrl postgres(String raw) {
    URI uri = parse(raw, POSTGRES_FORM);
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw malformed(raw, POSTGRES_FORM, "the scheme must be postgresql");
    }
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (uri.getRawUserInfo() == null || database.isEmpty()) {
      throw malformed(raw, POSTGRES_FORM, "a user and a database are needed");
    }
    String[] userInfo = uri.getRawUserInfo().split(":", 2);
    String password = userInfo.length == 2 ? decode(userInfo[1]) : "";
    return new DatabaseUrl("postgresql", uri.getHost(), port(uri, 5432), decode(userInfo[0]), password, database);
  }

  public static DatabaseUrl redis(String raw) {
    URI uri = parse(raw, REDIS_FORM);
    if (!"redis".equals(uri.getScheme())) {
      throw malformed(raw, REDIS_FORM, "the scheme must be redis");
    }
    return new DatabaseUrl("redis", uri.getHost(), port(uri, 6379), "", "", "");
  }

  /** The URL for JDBC, without the credentials (they go in properties, never in a log line). */
  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** For logs and {@code /info}: everything but the password. */
  @Override
  public String toString() {
    return scheme + "://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port + (database.isEmpty() ? "" : "/" + database);
  }

  private static URI parse(String raw, String form) {
    try {
      URI uri = new URI(raw.trim());
      if (uri.getHost() == null) {
        throw malformed(raw, form, "no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw malformed(raw, form, e.getReason());
    }
  }

  private static int port(URI uri, int fallback) {
    return uri.getPort() == -1 ? fallback : uri.getPort();
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException malformed(String raw, String form, String why) {
    return new IllegalArgumentException("'" + raw + "' is not of the form " + form + " (" + why + ")");
  }
}

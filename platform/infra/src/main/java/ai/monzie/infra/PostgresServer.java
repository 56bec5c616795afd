package ai.monzie.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real PostgreSQL server for tests and the local stack: an explicit server when one is given,
 * else the PostgreSQL 16 binaries from Maven Central (zonky), run as a child process.
 */
public final class PostgresServer implements AutoCloseable {

  /** {@code postgresql://user:password@host:port} of a server to use instead of starting one. */
  public static final String EXPLICIT_URL_ENV = "MONZIE_PG_URL";

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final EmbeddedPostgres embedded;

  private PostgresServer(
      String host, int port, String user, String password, EmbeddedPostgres embedded) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  /** The server named by {@value #EXPLICIT_URL_ENV} if set, else an embedded one on a free port. */
  public static PostgresServer startForTests() {
    String explicit = System.getenv(EXPLICIT_URL_ENV);
    if (explicit != null && !explicit.isBlank()) {
      return external(URI.create(explicit));
    }
    return embedded(null, 0);
  }

  public static PostgresServer external(URI uri) {
    String[] credentials =
        uri.getUserInfo() == null ? new String[0] : uri.getUserInfo().split(":", 2);
    String user = credentials.length > 0 ? credentials[0] : "postgres";
    String password = credentials.length > 1 ? credentials[1] : "";
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    return new PostgresServer(uri.getHost(), port, user, password, null);
  }

  /**
   * Starts PostgreSQL from the binaries artifact. With a data directory the data survives restarts
   * (the local stack); without one it lives in a temporary folder (tests).
   */
  public static PostgresServer embedded(Path dataDirectory, int port) {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", "400")
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
              .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on");
      if (port > 0) {
        builder.setPort(port);
      }
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      EmbeddedPostgres pg = builder.start();
      PostgresServer server =
          new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "postgres", pg);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /** Creates the database if it does not exist yet (one database per service). */
  public void createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
        var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // created concurrently by another starter
        throw new IllegalStateException("could not create database " + name, e);
      }
    }
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** The URL form the Vert.x reactive client takes. */
  public String reactiveUrl(String database) {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public synchronized void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException | RuntimeException ignored) {
        // already stopped (the shutdown hook and an explicit close may both run)
      }
    }
  }
}

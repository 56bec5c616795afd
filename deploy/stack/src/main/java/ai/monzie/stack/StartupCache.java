package ai.monzie.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service's JVM start-up cache, next to its jar in target/quarkus-app: on Java 25 and newer an
 * AOT cache ({@code app.aot}, JEP 483/514/515: classes already loaded and linked, method profiles),
 * on 17–24 a dynamic AppCDS archive ({@code app-cds.jsa}, classes already parsed). Either is made
 * by one training run of the service (start, a few requests, stop: the JVM writes it at exit) and
 * holds only for the JVM that made it and the jars it saw, so it is made again when either changes.
 * The jar is Quarkus' {@code aot-jar} layout: every class on the JVM's own class path, where both
 * caches can hold it (they skip classes of a custom class loader, as the fast-jar's is).
 */
final class StartupCache {

  /** The first Java with the AOT cache and its one-step training flag (JEP 514). */
  static final int AOT_CACHE_JAVA = 25;

  private final Path appDir;
  private final int javaFeature;
  private final String javaVersion;

  StartupCache(Path jar) {
    this(jar, Runtime.version().feature(), Runtime.version().toString());
  }

  StartupCache(Path jar, int javaFeature, String javaVersion) {
    this.appDir = jar.getParent();
    this.javaFeature = javaFeature;
    this.javaVersion = javaVersion;
  }

  /** {@code app.aot} on Java 25+, else {@code app-cds.jsa}. */
  Path file() {
    return appDir.resolve(javaFeature >= AOT_CACHE_JAVA ? "app.aot" : "app-cds.jsa");
  }

  /** Which Java made the cache (a cache of another JVM build is refused by the JVM anyway). */
  private Path stamp() {
    return appDir.resolve(file().getFileName() + ".java");
  }

  /** What the JVM gains from the cache, for the progress line. */
  String kind() {
    return javaFeature >= AOT_CACHE_JAVA ? "AOT cache" : "AppCDS archive";
  }

  /**
   * The JVM options of every start of a service, training or not: the cache holds only for the same
   * heap layout, GC and object header size it was made with.
   */
  List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
    if (javaFeature >= AOT_CACHE_JAVA) {
      options.add("-XX:+UseCompactObjectHeaders"); // JEP 519: 8-byte headers, a smaller heap
    }
    return options;
  }

  /** Options to start with the cache. */
  List<String> useOptions() {
    return javaFeature >= AOT_CACHE_JAVA
        ? List.of("-XX:AOTCache=" + file())
        : List.of("-XX:SharedArchiveFile=" + file());
  }

  /** Options of the training run: the JVM writes the cache when it exits. */
  List<String> trainOptions() {
    return javaFeature >= AOT_CACHE_JAVA
        ? List.of("-XX:AOTCacheOutput=" + file())
        : List.of("-XX:ArchiveClassesAtExit=" + file());
  }

  /**
   * Whether the cache is there, made by this Java, and newer than every jar of the application (a
   * rebuild changes their times, and the JVM checks them).
   */
  boolean current() {
    try {
      if (!Files.exists(file()) || !Files.exists(stamp())) {
        return false;
      }
      if (!Files.readString(stamp()).trim().equals(javaVersion)) {
        return false;
      }
      FileTime made = Files.getLastModifiedTime(file());
      try (Stream<Path> jars = Files.walk(appDir)) {
        return jars.filter(p -> p.toString().endsWith(".jar"))
            .allMatch(jar -> lastModified(jar).compareTo(made) <= 0);
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Records that the training run of this Java wrote the cache. */
  void markMade() throws IOException {
    Files.writeString(stamp(), javaVersion + "\n");
  }

  /** Removes a cache that is not current, so a failed training leaves none behind. */
  void discard() throws IOException {
    Files.deleteIfExists(file());
    Files.deleteIfExists(stamp());
  }

  private static FileTime lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return FileTime.fromMillis(Long.MAX_VALUE);
    }
  }

  /**
   * The training requests per service: reads a user (or the service role, for analytics' stats) may
   * make, so the request path's classes are in the cache too, not only the start's. None of them
   * writes anything.
   */
  static final Map<String, List<String>> TRAINING_PATHS =
      Map.of(
          "profile", List.of("/.well-known/jwks.json", "/v1/profiles/me"),
          "catalog", List.of("/v1/categories", "/v1/scenes?limit=5", "/v1/scenes?limit=5"),
          "generation", List.of("/v1/usage/today", "/v1/generations?limit=5", "/v1/images"),
          "analytics", List.of("/v1/stats/generations/daily", "/v1/stats/active-users"));
}

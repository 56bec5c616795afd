package ai.monzie.platform.storage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Objects as files under a root folder: the default, for one machine and for tests. */
public class FilesystemObjectStore implements ObjectStore {

  private final Path root;

  public FilesystemObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the object store folder " + this.root, e);
    }
  }

  @Override
  public Uni<Void> put(String key, byte[] bytes, String contentType) {
    return blocking(
        () -> {
          Path target = resolve(key);
          Files.createDirectories(target.getParent());
          // written aside and moved: a reader never sees half a file
          Path temp = target.resolveSibling(".tmp-" + UUID.randomUUID());
          Files.write(temp, bytes);
          move(temp, target);
          return null;
        });
  }

  @Override
  public void write(String key, String contentType, BodyWriter body) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(".tmp-" + UUID.randomUUID());
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        body.writeTo(out);
      }
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<InputStream> open(String key) throws IOException {
    try {
      return Optional.of(Files.newInputStream(resolve(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Uni<Optional<StoredObject>> get(String key) {
    return blocking(
        () -> {
          try {
            return Optional.of(
                new StoredObject(Files.readAllBytes(resolve(key)), StorageKeys.contentType(key)));
          } catch (NoSuchFileException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public Uni<Boolean> exists(String key) {
    return blocking(() -> Files.isRegularFile(resolve(key)));
  }

  @Override
  public Uni<Void> delete(List<String> keys) {
    return blocking(
        () -> {
          for (String key : keys) {
            Files.deleteIfExists(resolve(key));
          }
          return null;
        });
  }

  @Override
  public Uni<Integer> deletePrefix(String prefix) {
    return blocking(
        () -> {
          String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
          Path dir = resolve(folder);
          if (!Files.isDirectory(dir)) {
            return 0;
          }
          int files = 0;
          try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
              if (Files.isRegularFile(p)) {
                files++;
              }
              Files.deleteIfExists(p);
            }
          }
          return files;
        });
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path resolve(String key) {
    Path path = root.resolve(StorageKeys.requireSafe(key)).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("key escapes the store: " + key);
    }
    return path;
  }

  /** File I/O blocks: it runs on the worker pool, never on the event loop. */
  private static <T> Uni<T> blocking(Callable<T> work) {
    return Uni.createFrom()
        .item(
            () -> {
              try {
                return work.call();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}

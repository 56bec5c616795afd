package ai.monzie.platform.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a data export lives: {@code exports/<export id>/<service>/<file>} for each service's part
 * and {@code exports/<export id>/monzie-export.zip} for the archive profile assembles. Keys are
 * built from the export's UUID and fixed names only.
 */
public final class ExportKeys {
  private ExportKeys() {}

  /** The four services that answer {@code user.export-requested}, each with one part. */
  public static final java.util.List<String> SERVICES =
      java.util.List.of("profile", "catalog", "generation", "analytics");

  /**
   * A part's file: a fixed name, or a folder of fixed name and a UUID file ({@code
   * images/<id>.png}).
   */
  private static final Pattern FILE =
      Pattern.compile(
          "^([a-z]+\\.(json|txt)|[a-z]+/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[a-z]+)$");

  public static String exportPrefix(UUID export) {
    return "exports/" + export + "/";
  }

  public static String partPrefix(UUID export, String service) {
    return exportPrefix(export) + requireService(service) + "/";
  }

  public static String partFile(UUID export, String service, String file) {
    return partPrefix(export, service) + requireFile(file);
  }

  public static String archive(UUID export) {
    return exportPrefix(export) + "monzie-export.zip";
  }

  public static boolean isFile(String file) {
    return file != null && FILE.matcher(file).matches();
  }

  /** A part's file name as a ZIP entry may carry it; anything else (a {@code ../}) is refused. */
  public static String requireFile(String file) {
    if (!isFile(file)) {
      throw new IllegalArgumentException("not an export file name: " + file);
    }
    return file;
  }

  public static String requireService(String service) {
    if (!SERVICES.contains(service)) {
      throw new IllegalArgumentException("not an export part: " + service);
    }
    return service;
  }
}

package ai.monzie.catalog.http;

import ai.monzie.catalog.CatalogConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Public catalog reads carry a strong ETag of the exact body and answer 304 to a matching {@code
 * If-None-Match}: the mobile app revalidates its cached catalog for the cost of a header.
 */
@ApplicationScoped
public class ConditionalGet {

  private final ObjectMapper json;
  private final CacheControl cacheControl;

  ConditionalGet(ObjectMapper json, CatalogConfig config) {
    this.json = json;
    this.cacheControl = new CacheControl();
    cacheControl.setMaxAge((int) config.cacheMaxAge().toSeconds());
    cacheControl.setPrivate(false);
  }

  public Response ok(Object body, String ifNoneMatch) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String tag = digest(bytes);
    EntityTag etag = new EntityTag(tag);
    if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
      return Response.notModified(etag).cacheControl(cacheControl).build();
    }
    return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE)
        .tag(etag)
        .cacheControl(cacheControl)
        .build();
  }

  private static boolean matches(String ifNoneMatch, String tag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String value = candidate.trim();
      if (value.equals("*") || value.replace("W/", "").equals("\"" + tag + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

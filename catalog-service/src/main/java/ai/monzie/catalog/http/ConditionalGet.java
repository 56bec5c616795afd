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

  /** A serialised body and its entity tag, as the read cache keeps them. */
  public record Body(byte[] bytes, String etag) {}

  private final ObjectMapper json;
  private final CacheControl cacheControl;

  ConditionalGet(ObjectMapper json, CatalogConfig config) {
    this.json = json;
    this.cacheControl = new CacheControl();
    cacheControl.setMaxAge((int) config.cacheMaxAge().toSeconds());
    cacheControl.setPrivate(false);
  }

  public Body render(Object value) {
    try {
      byte[] bytes = json.writeValueAsBytes(value);
      return new Body(bytes, digest(bytes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response ok(Object value, String ifNoneMatch) {
    return ok(render(value), ifNoneMatch);
  }

  public Response ok(Body body, String ifNoneMatch) {
    EntityTag etag = new EntityTag(body.etag());
    if (ifNoneMatch != null && matches(ifNoneMatch, body.etag())) {
      return Response.notModified(etag).cacheControl(cacheControl).build();
    }
    return Response.ok(body.bytes(), MediaType.APPLICATION_JSON_TYPE)
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

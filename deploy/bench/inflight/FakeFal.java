import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * The benchmark's fal (issue 13), on loopback: fal's queue API (submit, status, result, cancel),
 * each request finished WORK_SECONDS after its submission, then its webhook called when the submit
 * named one (?fal_webhook=), signed as fal signs (hex Ed25519 over request id, user id, timestamp
 * and the body's SHA-256) with a key of its own, served as fal's JWKS. Images are one small PNG.
 *
 * <p>java FakeFal.java PORT [WORK_SECONDS]
 */
public class FakeFal {
  static final KeyPair KEY = ed25519();
  static final Map<String, Long> DONE_AT = new ConcurrentHashMap<>();
  static final AtomicLong SUBMITS = new AtomicLong(), POLLS = new AtomicLong(),
      HOOKS = new AtomicLong(), HOOK_FAILURES = new AtomicLong();
  static byte[] png;
  static String base;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long workMillis = (long) (Double.parseDouble(args.length > 1 ? args[1] : "10") * 1000);
    base = "http://127.0.0.1:" + port;
    BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 128; y++) for (int x = 0; x < 128; x++) image.setRGB(x, y, x * 2 << 16 | y * 2 << 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    png = out.toByteArray();
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      try {
        handle(exchange, workMillis, timers, client);
      } catch (Exception e) {
        send(exchange, 500, "text/plain", String.valueOf(e).getBytes());
      }
    });
    server.start();
    timers.scheduleAtFixedRate(() -> System.out.printf("submits=%d polls=%d webhooks=%d failed=%d%n",
        SUBMITS.get(), POLLS.get(), HOOKS.get(), HOOK_FAILURES.get()), 5, 5, TimeUnit.SECONDS);
    System.out.println("fake fal on " + base);
  }

  static void handle(HttpExchange ex, long workMillis, ScheduledExecutorService timers, HttpClient client)
      throws Exception {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    ex.getRequestBody().readAllBytes();
    if (path.equals("/.well-known/jwks.json")) {
      byte[] encoded = KEY.getPublic().getEncoded();
      String x = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
      send(ex, 200, "application/json", ("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"bench\","
          + "\"use\":\"sig\",\"alg\":\"EdDSA\",\"x\":\"" + x + "\"}]}").getBytes());
    } else if (path.startsWith("/files/")) {
      send(ex, 200, "image/png", png);
    } else if (method.equals("POST") && !path.contains("/requests/")) {
      SUBMITS.incrementAndGet();
      String id = UUID.randomUUID().toString();
      DONE_AT.put(id, System.currentTimeMillis() + workMillis);
      String hook = query(ex.getRequestURI(), "fal_webhook");
      if (hook != null) {
        timers.schedule(() -> webhook(client, hook, id), workMillis, TimeUnit.MILLISECONDS);
      }
      String at = base + "/fal-ai/bench/requests/" + id;
      send(ex, 200, "application/json", ("{\"request_id\":\"" + id + "\",\"gateway_request_id\":\"" + id
          + "\",\"status_url\":\"" + at + "/status\",\"response_url\":\"" + at + "\",\"cancel_url\":\""
          + at + "/cancel\",\"queue_position\":0}").getBytes());
    } else if (path.endsWith("/status")) {
      POLLS.incrementAndGet();
      String id = path.split("/")[4];
      Long done = DONE_AT.get(id);
      boolean completed = done != null && done <= System.currentTimeMillis();
      send(ex, completed ? 200 : 202, "application/json",
          ("{\"status\":\"" + (completed ? "COMPLETED" : "IN_PROGRESS") + "\"}").getBytes());
    } else if (path.endsWith("/cancel")) {
      send(ex, 202, "application/json", "{\"status\":\"CANCELLATION_REQUESTED\"}".getBytes());
    } else if (path.contains("/requests/")) {
      send(ex, 200, "application/json", result(path.split("/")[4]).getBytes());
    } else {
      send(ex, 404, "application/json", "{\"detail\":\"not found\"}".getBytes());
    }
  }

  static String result(String id) {
    return "{\"images\":[{\"url\":\"" + base + "/files/" + id + ".png\",\"content_type\":\"image/png\","
        + "\"width\":128,\"height\":128}],\"seed\":42,\"has_nsfw_concepts\":[false]}";
  }

  static void webhook(HttpClient client, String url, String id) {
    byte[] body = ("{\"request_id\":\"" + id + "\",\"gateway_request_id\":\"" + id
        + "\",\"status\":\"OK\",\"payload\":" + result(id) + "}").getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
    try {
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(KEY.getPrivate());
      signer.update(String.join("\n", id, "bench-user", timestamp, digest).getBytes(StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
          .header("Content-Type", "application/json")
          .header("X-Fal-Webhook-Request-Id", id)
          .header("X-Fal-Webhook-User-Id", "bench-user")
          .header("X-Fal-Webhook-Timestamp", timestamp)
          .header("X-Fal-Webhook-Signature", HexFormat.of().formatHex(signer.sign()))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        if (e == null && r.statusCode() == 200) {
          HOOKS.incrementAndGet();
        } else {
          HOOK_FAILURES.incrementAndGet(); // the sweeper polls it after the grace
        }
      });
    } catch (Exception e) {
      HOOK_FAILURES.incrementAndGet();
    }
  }

  static String query(URI uri, String name) {
    if (uri.getRawQuery() == null) return null;
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

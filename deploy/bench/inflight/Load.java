import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The benchmark's clients (issue 13).
 *
 * <p>{@code java Load.java keys DIR}: an RSA key pair; the service verifies tokens with
 * DIR/jwt-public.pem, this program signs them with DIR/jwt-private.der (as profile-service would).
 *
 * <p>{@code java Load.java users DIR N}: N user ids, one a line, in DIR/users.txt.
 *
 * <p>{@code java Load.java run DIR URL SCENE SECONDS}: one POST /v1/generations per user of
 * DIR/users.txt, spread evenly over SECONDS, each with its own user's token; prints the status
 * counts and the latency percentiles, writes the generation ids to DIR/ids.txt.
 */
public class Load {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "keys" -> keys(dir);
      case "users" -> {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[2]); i++) users.add(UUID.randomUUID().toString());
        Files.write(dir.resolve("users.txt"), users);
      }
      case "run" -> run(dir, args[2], args[3], Double.parseDouble(args[4]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static void keys(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.write(dir.resolve("jwt-private.der"), pair.getPrivate().getEncoded());
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    Files.writeString(dir.resolve("jwt-public.pem"), pem);
  }

  static String token(PrivateKey key, String user) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = System.currentTimeMillis() / 1000;
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes());
    String claims = b64.encodeToString(("{\"iss\":\"https://monzie.ai\",\"aud\":\"monzie-api\",\"sub\":\""
        + user + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID()
        + "\",\"role\":\"authenticated\",\"groups\":[\"authenticated\"],\"email\":\"" + user
        + "@bench.monzie.ai\"}").getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64.encodeToString(rs256.sign());
  }

  static void run(Path dir, String url, String scene, double seconds) throws Exception {
    PrivateKey key = KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("jwt-private.der"))));
    List<String> users = Files.readAllLines(dir.resolve("users.txt"));
    List<String> tokens = new ArrayList<>();
    for (String user : users) tokens.add(token(key, user));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    long start = System.nanoTime();
    long spacing = (long) (seconds * 1e9 / tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      long due = start + i * spacing;
      long wait = due - System.nanoTime();
      if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/generations"))
          .timeout(Duration.ofSeconds(180))
          .header("Authorization", "Bearer " + tokens.get(i))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"scene_id\":\"" + scene + "\"}"))
          .build();
      long sent = System.nanoTime();
      calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        latencies.add(System.nanoTime() - sent);
        statuses.add(e == null ? r.statusCode() : -1);
        if (e == null && r.statusCode() == 202) {
          ids.add(r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        }
      }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    double took = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long accepted = statuses.stream().filter(s -> s == 202).count();
    System.out.printf("sent=%d accepted=%d other=%s in %.1f s%n", sorted.size(), accepted,
        statuses.stream().filter(s -> s != 202).toList(), took);
    System.out.printf("p50_ms=%.1f%np99_ms=%.1f%nmax_ms=%.1f%n", pct(sorted, 50), pct(sorted, 99),
        sorted.get(sorted.size() - 1) / 1e6);
    Files.write(dir.resolve("ids.txt"), ids);
  }

  static double pct(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }
}

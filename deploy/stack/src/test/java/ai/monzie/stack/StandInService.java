package ai.monzie.stack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/**
 * A stand-in for a packaged service's {@code quarkus-run.jar} in {@link DevLoopTest}: it answers
 * {@code /q/health/ready} on {@code QUARKUS_HTTP_PORT}, which is all the stack asks of a service.
 */
public final class StandInService {
  private StandInService() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/q/health/ready",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }
}

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The baseline of the miss benchmark: what the JDK alone costs a miss. The JDK HTTP server on virtual threads, as
 * geo-api runs, answers GET /ADDRESS with the body of GET PREFIX+ADDRESS asked with the JDK HttpClient built as
 * geo-api builds it (HTTP/1.1 over plain http, virtual threads), and nothing else: no cache, no parsing, no JSON.
 * What geo-api adds over the provider beyond this relay is geo's own; what this relay adds is the JDK's.
 * Run: RELAY_PREFIX='http://127.0.0.1:PORT/v2/ipgeo?apiKey=KEY&ip=' java bench/Relay.java PORT
 */
public final class Relay {

    public static void main(String[] args) throws IOException {
        String prefix = System.getenv("RELAY_PREFIX");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("relay-client-", 0).factory()))
                .build();
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        server.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("relay-", 0).factory()));
        server.createContext("/", exchange -> {
            try (exchange) {
                String address = exchange.getRequestURI().getRawPath().substring(1);
                HttpRequest request = HttpRequest.newBuilder(URI.create(prefix + address))
                        .timeout(Duration.ofSeconds(5))
                        .build();
                HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        System.out.println("relay on 127.0.0.1:" + args[0] + " to the provider");
    }
}

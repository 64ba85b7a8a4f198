import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * The baseline of the hit benchmark: the JDK HTTP server that geo-api runs on, on virtual threads as geo-api does,
 * answering every request with a fixed JSON body of a given size and nothing else. geo-api cannot be faster.
 * Run: java bench/Ceiling.java PORT BODY_BYTES
 */
public final class Ceiling {

    public static void main(String[] args) throws IOException {
        int size = Integer.parseInt(args[1]);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        byte[] open = "{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, open.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        server.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ceiling-", 0).factory()));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Cache", "HIT");
                exchange.getResponseHeaders().set("X-Source", "ipgeolocation.io");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        System.out.println("ceiling on 127.0.0.1:" + args[0] + ", " + size + " bytes per answer");
    }
}

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The baseline of the hit benchmark: the JDK HTTP server that geo-api runs on, on virtual threads as geo-api does,
 * answering every request with a fixed JSON body of a given size and nothing else. geo-api cannot be faster.
 * Given a file of {@code Name: value} lines, it sends those headers instead of its three (bench/run.sh gives it the
 * headers of a geo-api database answer, to measure what the JDK server's handling of them costs on its own).
 * Run: java bench/Ceiling.java PORT BODY_BYTES [HEADERS_FILE]
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
        Map<String, String> headers = args.length > 2 ? headersFrom(Path.of(args[2])) : Map.of(
                "Content-Type", "application/json", "X-Cache", "HIT", "X-Source", "ipgeolocation.io");
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
        server.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ceiling-", 0).factory()));
        server.createContext("/", exchange -> {
            try (exchange) {
                headers.forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        System.out.println("ceiling on 127.0.0.1:" + args[0] + ", " + size + " bytes per answer, "
                + headers.size() + " headers");
    }

    /** The file's "Name: value" lines, in order; the server writes Date and Content-Length itself. */
    private static Map<String, String> headersFrom(Path file) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }
}

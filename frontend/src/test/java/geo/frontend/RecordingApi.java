package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for geo-api that records every request geo-frontend makes of it and answers each with a location
 * naming what was asked: to check what a visitor's input can make geo-frontend ask.
 */
final class RecordingApi implements AutoCloseable {

    /** One request as geo-api would receive it. */
    record Asked(String method, String rawPath, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    private RecordingApi(HttpServer server) {
        this.server = server;
    }

    static RecordingApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingApi api = new RecordingApi(server);
            server.createContext("/", api::answer);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, in order. */
    List<Asked> asked() {
        return List.copyOf(asked);
    }

    void forget() {
        asked.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            asked.add(new Asked(exchange.getRequestMethod(), path, body));
            byte[] answer;
            if (path.equals("/bulk")) {
                ArrayNode locations = JSON.createArrayNode();
                JsonNode ips = JSON.readTree(body).path("ips");
                ips.forEach(ip -> locations.addObject().put("ip", ip.asText()).put("city", "Asked"));
                answer = JSON.writeValueAsBytes(locations);
            } else {
                String ip = path.startsWith("/ip/") ? path.substring(4) : "9.9.9.9";
                answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("ip", ip).put("city", "Asked"));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

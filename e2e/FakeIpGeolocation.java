import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for ipgeolocation.io for e2e/swarm-test.sh: {@code /v2/ipgeo?apiKey=&ip=} answers a location when the
 * key is the one in the key file, 401 otherwise; {@code /calls?ip=} says how often an address was asked.
 * Run: java e2e/FakeIpGeolocation.java ADDRESS PORT KEY_FILE
 */
public final class FakeIpGeolocation {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        String key = Files.readString(Path.of(args[2])).strip();
        HttpServer server = HttpServer.create(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> query = query(exchange);
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/calls")) {
                    AtomicInteger calls = CALLS.get(query.getOrDefault("ip", ""));
                    send(exchange, 200, Integer.toString(calls == null ? 0 : calls.get()));
                } else if (!path.endsWith("/ipgeo")) {
                    send(exchange, 404, "{\"message\":\"no such path\"}");
                } else if (!key.equals(query.get("apiKey"))) {
                    send(exchange, 401, "{\"message\":\"Provided API key is not valid.\"}");
                } else {
                    String ip = query.getOrDefault("ip", "");
                    CALLS.computeIfAbsent(ip, any -> new AtomicInteger()).incrementAndGet();
                    send(exchange, 200, location(ip));
                }
            }
        });
        server.start();
        System.out.println("fake ipgeolocation.io on " + args[0] + ":" + args[1]);
    }

    private static String location(String ip) {
        return """
                {"ip":"%s","location":{"continent_code":"NA","continent_name":"North America","country_code2":"US",\
                "country_code3":"USA","country_name":"United States","country_capital":"Washington, D.C.",\
                "state_prov":"California","district":"Santa Clara","city":"Mountain View","zipcode":"94043",\
                "latitude":"37.42240","longitude":"-122.08421","is_eu":false},\
                "country_metadata":{"calling_code":"+1","tld":".us","languages":["en-US"]},\
                "currency":{"code":"USD","name":"US Dollar","symbol":"$"},\
                "asn":{"as_number":"AS15169","organization":"Google LLC"},\
                "time_zone":{"name":"America/Los_Angeles","offset":-8,"offset_with_dst":-8,"is_dst":false}}"""
                .formatted(ip);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

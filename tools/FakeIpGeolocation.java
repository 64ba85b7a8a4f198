import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for ipgeolocation.io, for the swarm test and the benchmarks (never for the unit tests, which use
 * MockWebServer). {@code /v2/ipgeo?apiKey=&ip=} (or {@code /ipgeo}) answers a location after a delay; with a key file
 * it refuses other keys with 401. {@code /control?mode=ok|fail|stall&delay-ms=N} switches it to answering, to 503s,
 * or to never answering in time; {@code /calls?ip=} says how often an address was asked ({@code /calls}: all).
 *
 * <p>Run: {@code java tools/FakeIpGeolocation.java ADDRESS PORT [--key-file FILE] [--delay-ms N]}
 */
public final class FakeIpGeolocation {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final AtomicInteger ALL_CALLS = new AtomicInteger();
    /** Longer than any provider timeout geo-api would be given. */
    private static final Duration STALL = Duration.ofSeconds(30);

    private static volatile String mode = "ok";
    private static volatile Duration delay = Duration.ZERO;

    public static void main(String[] args) throws IOException {
        String key = null;
        for (int i = 2; i < args.length; i += 2) {
            switch (args[i]) {
                case "--key-file" -> key = Files.readString(Path.of(args[i + 1])).strip();
                case "--delay-ms" -> delay = Duration.ofMillis(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String validKey = key;
        HttpServer server = HttpServer.create(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, validKey);
            }
        });
        server.start();
        System.out.println("fake ipgeolocation.io on " + args[0] + ":" + args[1] + ", delay " + delay.toMillis() + " ms");
    }

    private static void answer(HttpExchange exchange, String validKey) throws IOException {
        Map<String, String> query = query(exchange);
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/calls" -> {
                AtomicInteger calls = query.containsKey("ip") ? CALLS.get(query.get("ip")) : ALL_CALLS;
                send(exchange, 200, Integer.toString(calls == null ? 0 : calls.get()));
            }
            case "/control" -> {
                mode = query.getOrDefault("mode", mode);
                if (query.containsKey("delay-ms")) {
                    delay = Duration.ofMillis(Long.parseLong(query.get("delay-ms")));
                }
                send(exchange, 200, "{\"mode\":\"" + mode + "\",\"delay_ms\":" + delay.toMillis() + "}");
            }
            case "/ipgeo", "/v2/ipgeo" -> {
                if (validKey != null && !validKey.equals(query.get("apiKey"))) {
                    send(exchange, 401, "{\"message\":\"Provided API key is not valid.\"}");
                    return;
                }
                String ip = query.getOrDefault("ip", "");
                ALL_CALLS.incrementAndGet();
                CALLS.computeIfAbsent(ip, any -> new AtomicInteger()).incrementAndGet();
                switch (mode) {
                    case "fail" -> send(exchange, 503, "{\"message\":\"Service unavailable\"}");
                    case "stall" -> {
                        sleep(STALL);
                        send(exchange, 503, "{\"message\":\"late\"}");
                    }
                    default -> {
                        sleep(delay);
                        send(exchange, 200, location(ip, path.equals("/v2/ipgeo")));
                    }
                }
            }
            default -> send(exchange, 404, "{\"message\":\"no such path\"}");
        }
    }

    private static String location(String ip, boolean nested) {
        String place = """
                "continent_code":"NA","continent_name":"North America","country_code2":"US",\
                "country_code3":"USA","country_name":"United States","country_capital":"Washington, D.C.",\
                "state_prov":"California","district":"Santa Clara","city":"Mountain View","zipcode":"94043",\
                "latitude":"37.42240","longitude":"-122.08421","is_eu":false""";
        String rest = """
                "currency":{"code":"USD","name":"US Dollar","symbol":"$"},\
                "time_zone":{"name":"America/Los_Angeles","offset":-8,"offset_with_dst":-8,"is_dst":false}""";
        return nested
                ? "{\"ip\":\"" + ip + "\",\"location\":{" + place + "},\"country_metadata\":{\"calling_code\":\"+1\","
                        + "\"tld\":\".us\",\"languages\":[\"en-US\"]},\"asn\":{\"as_number\":\"AS15169\","
                        + "\"organization\":\"Google LLC\"}," + rest + "}"
                : "{\"ip\":\"" + ip + "\"," + place + ",\"calling_code\":\"+1\",\"country_tld\":\".us\","
                        + "\"languages\":\"en-US\",\"asn\":\"AS15169\",\"organization\":\"Google LLC\","
                        + "\"isp\":\"Google LLC\"," + rest + "}";
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

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a database download server, for the benchmarks: every GET answers a new edition of the MaxMind DB
 * file it was given, one day newer than the one before (the file's {@code build_epoch} rewritten in place), so that
 * geo-api swaps it in on every update. {@code /editions} says how many were served; after {@code /pause} every GET
 * answers 304 (nothing new) until {@code /resume}.
 *
 * <p>Run: {@code java tools/DatabaseEditions.java ADDRESS PORT FILE.mmdb}
 */
public final class DatabaseEditions {

    private static final byte[] BUILD_EPOCH = "build_epoch".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        byte[] file = Files.readAllBytes(Path.of(args[2]));
        int value = buildEpoch(file);
        long first = Instant.now().getEpochSecond();
        AtomicInteger served = new AtomicInteger();
        AtomicBoolean paused = new AtomicBoolean();
        HttpServer server = HttpServer.create(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/pause") || path.equals("/resume")) {
                    paused.set(path.equals("/pause"));
                }
                if (path.equals("/editions") || path.equals("/pause") || path.equals("/resume")) {
                    byte[] body = (served.get() + "\n").getBytes(StandardCharsets.US_ASCII);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    return;
                }
                if (paused.get()) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] edition = file.clone();
                long built = first + 86_400L * served.incrementAndGet();
                for (int i = 0; i < 4; i++) {
                    edition[value + i] = (byte) (built >>> (8 * (3 - i)));
                }
                exchange.sendResponseHeaders(200, edition.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(edition);
                }
            }
        });
        server.start();
        System.out.println("database editions of " + args[2] + " on " + args[0] + ":" + args[1]);
    }

    /** Where the 4 bytes of the metadata's build_epoch are: after the key, a control byte and a type byte. */
    private static int buildEpoch(byte[] file) {
        outer:
        for (int i = file.length - BUILD_EPOCH.length; i >= Math.max(0, file.length - 200_000); i--) {
            for (int j = 0; j < BUILD_EPOCH.length; j++) {
                if (file[i + j] != BUILD_EPOCH[j]) {
                    continue outer;
                }
            }
            int control = i + BUILD_EPOCH.length;
            if (file[control] != 4 || file[control + 1] != 2) {
                break;
            }
            return control + 2;
        }
        throw new IllegalArgumentException("no 4-byte build_epoch in the file's metadata");
    }
}

package geo.frontend;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real geo-edge on loopback: HAProxy with the configuration that {@code swarm-setup.sh --print-edge-config}
 * writes, balancing over the given geo-api and geo-frontend instead of Swarm's tasks.
 */
final class GeoEdge implements AutoCloseable {

    private final Process haproxy;
    private final Path folder;
    private final int apiPort;
    private final int webPort;
    private final int httpsPort;
    private final int httpPort;

    private GeoEdge(Process haproxy, Path folder, Map<String, String> environment) {
        this.haproxy = haproxy;
        this.folder = folder;
        this.apiPort = Integer.parseInt(environment.get("API_PORT"));
        this.webPort = Integer.parseInt(environment.get("FRONTEND_PORT"));
        this.httpsPort = Integer.parseInt(environment.get("HTTPS_PORT"));
        this.httpPort = Integer.parseInt(environment.get("HTTP_PORT"));
    }

    /**
     * geo-edge in front of geo-api and geo-frontend on these loopback ports, with these settings of its own (with
     * {@code EDGE_TLS_PEM}, it answers HTTPS too).
     */
    static GeoEdge start(int geoApiPort, int geoFrontendPort, Map<String, String> settings) {
        Path folder;
        try {
            folder = Files.createTempDirectory("geo-edge");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new HashMap<>(Map.of(
                "EDGE_BIND_ADDRESS", "127.0.0.1",
                "API_PORT", Integer.toString(freePort()),
                "FRONTEND_PORT", Integer.toString(freePort()),
                "HTTPS_PORT", Integer.toString(freePort()),
                "HTTP_PORT", Integer.toString(freePort()),
                "EDGE_API_SERVERS", "127.0.0.1:" + geoApiPort,
                "EDGE_FRONTEND_SERVERS", "127.0.0.1:" + geoFrontendPort));
        environment.putAll(settings);
        Path config = folder.resolve("haproxy.cfg");
        run(environment, config);
        try {
            Process haproxy = new ProcessBuilder(haproxy(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("haproxy.log").toFile()).start();
            GeoEdge edge = new GeoEdge(haproxy, folder, environment);
            edge.awaitListening(environment.containsKey("EDGE_TLS_PEM"));
            return edge;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int apiPort() {
        return apiPort;
    }

    int webPort() {
        return webPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    int httpPort() {
        return httpPort;
    }

    /** What HAProxy logged so far. */
    String log() {
        try {
            return Files.readString(folder.resolve("haproxy.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        haproxy.destroy();
        try {
            haproxy.waitFor(5, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** swarm-setup.sh --print-edge-config, into the file. */
    private static void run(Map<String, String> environment, Path config) {
        Path root = Path.of(System.getProperty("geo.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("swarm-setup.sh").toString(),
                "--print-edge-config").redirectOutput(config.toFile()).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("swarm-setup.sh --print-edge-config failed: " + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(boolean tls) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("HAProxy stopped: " + log());
            }
            if (accepts(apiPort) && accepts(webPort) && (!tls || accepts(httpsPort) && accepts(httpPort))) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("HAProxy did not listen within 10 s: " + log());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HAProxy from PATH, or where Debian puts it. */
    private static String haproxy() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .map(folder -> Path.of(folder, "haproxy"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(
                        "geo-edge's tests need HAProxy: apt-get install haproxy (scripts/test.sh checks for it)"));
    }
}

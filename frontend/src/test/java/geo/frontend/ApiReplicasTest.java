package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.common.testing.TestNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** geo-api's name resolving to one address per replica, as a Swarm service in endpoint mode dnsrr does. */
class ApiReplicasTest {

    private static final Pattern REPLICA = Pattern.compile("Answered by api replica <code>(.*?)</code>");

    @Test
    void aReplicaThatIsGoneIsSkippedAndNoLookUpFails() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            // 127.0.0.2 is loopback too, but nothing listens there on geo-api's port.
            TestNames.define("gone-and-alive.geo-test", InetAddress.getByName("127.0.0.2"),
                    InetAddress.getByName("127.0.0.1"));
            try (GeoFrontend frontend = FrontendFixture.startFrontend(Map.of("API_SERVER", "gone-and-alive.geo-test",
                    "API_SERVER_PORT", Integer.toString(api.port())))) {
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> page = FrontendFixture.send(frontend.port(), "GET", "/?ip=8.8.8.8");
                    assertEquals(200, page.statusCode(), page.body());
                }
            }
        }
    }

    @Test
    void aReplicaThatNeverAcceptsTheConnectionIsLeftAfterTheConnectTimeout() throws Exception {
        try (ApiFixture api = ApiFixture.start();
                ServerSocket stalled = new ServerSocket(api.port(), 1, InetAddress.getByName("127.0.0.2"))) {
            // A listener that never accepts, with its queue full: the kernel drops further connection attempts, as
            // the network does for a task that has vanished.
            List<Socket> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(stalled.getLocalSocketAddress(), 200);
                    queued.add(socket);
                } catch (IOException queueFull) {
                    socket.close();
                    break;
                }
            }
            TestNames.define("stalled-and-alive.geo-test", InetAddress.getByName("127.0.0.2"),
                    InetAddress.getByName("127.0.0.1"));
            try (GeoFrontend frontend = FrontendFixture.startFrontend(Map.of("API_SERVER",
                    "stalled-and-alive.geo-test", "API_SERVER_PORT", Integer.toString(api.port())))) {
                // Until a look-up has met the stalled address (the order is random), every one still succeeding.
                boolean metTheStalledOne = false;
                for (int i = 0; i < 40 && !metTheStalledOne; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> page = FrontendFixture.send(frontend.port(), "GET", "/?ip=8.8.8.8");
                    assertEquals(200, page.statusCode(), page.body());
                    metTheStalledOne = Duration.ofNanos(System.nanoTime() - started)
                            .compareTo(FrontendConfig.API_CONNECT_TIMEOUT) >= 0;
                }
                assertTrue(metTheStalledOne, "no look-up tried the stalled address");
                // Once it has failed, the stalled address is tried last: no look-up waits for it any more.
                for (int i = 0; i < 6; i++) {
                    long started = System.nanoTime();
                    assertEquals(200, FrontendFixture.send(frontend.port(), "GET", "/?ip=1.1.1.1").statusCode());
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertTrue(took.compareTo(Duration.ofMillis(700)) < 0, "a look-up took " + took);
                }
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void lookUpsAreSpreadOverTheReplicas() throws Exception {
        try (ApiFixture first = ApiFixture.start(Map.of("HOSTNAME", "replica-a"));
                ApiFixture second = ApiFixture.replicaAt(first.provider(), Map.of("HOSTNAME", "replica-b"),
                        new InetSocketAddress(InetAddress.getByName("127.0.0.3"), first.port()))) {
            TestNames.define("two-replicas.geo-test", InetAddress.getByName("127.0.0.1"),
                    InetAddress.getByName("127.0.0.3"));
            try (GeoFrontend frontend = FrontendFixture.startFrontend(Map.of("API_SERVER", "two-replicas.geo-test",
                    "API_SERVER_PORT", Integer.toString(first.port())))) {
                Set<String> replicas = new HashSet<>();
                for (int i = 0; i < 30; i++) {
                    Matcher replica = REPLICA.matcher(FrontendFixture.send(frontend.port(), "GET",
                            "/?ip=9.9.9." + i).body());
                    assertTrue(replica.find());
                    replicas.add(replica.group(1));
                }
                assertEquals(Set.of("replica-a", "replica-b"), replicas);
            }
        }
    }

    @Test
    void aNameThatDoesNotResolveIsA502Page() {
        try (GeoFrontend frontend = FrontendFixture.startFrontend(Map.of("API_SERVER", "nowhere.geo-test"))) {
            HttpResponse<String> page = FrontendFixture.send(frontend.port(), "GET", "/?ip=8.8.8.8");

            assertEquals(502, page.statusCode());
            assertTrue(page.body().contains("geo-api cannot be reached right now"), page.body());
        }
    }
}

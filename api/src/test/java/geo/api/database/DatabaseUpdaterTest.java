package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.TestDatabase;
import geo.common.net.IpAddress;
import geo.api.lookup.Found;
import geo.api.lookup.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One update at a time, against a stand-in download server serving real database files (copies of ip-location-db's
 * GeoLite2 City file, with the build time of a newer or older edition): what is swapped in, what is refused, and
 * that a refusal leaves the file in use serving and nothing half-written.
 */
class DatabaseUpdaterTest {

    private static final Path FLAT_IPV4 = TestDatabase.testFile(TestDatabase.FLAT_IPV4);
    private static final Instant IN_USE_BUILT = Instant.parse("2026-06-17T19:52:21Z");
    private static final Instant NEWER = Instant.parse("2026-07-01T00:00:00Z");
    private static final IpAddress GOOGLE = IpAddress.parse("8.8.8.8").orElseThrow();

    @TempDir
    Path given;
    @TempDir
    Path work;
    private DownloadServer server;
    private GeoDatabase database;
    private final List<String> attempts = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = DownloadServer.start();
        Files.copy(FLAT_IPV4, given.resolve("city.mmdb"));
        database = open();
    }

    @AfterEach
    void stop() {
        database.close();
        server.close();
    }

    @Test
    void aNewerFileIsSwappedInAndAnswersComeFromIt() {
        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, NEWER), "\"v2\"");

        assertEquals(DatabaseUpdater.Result.UPDATED, updateOnce(updates(server.url("/city.mmdb"))));

        assertEquals(Optional.of(NEWER), database.filesInUse().getFirst().built());
        assertEquals(server.url("/city.mmdb"), database.filesInUse().getFirst().from());
        assertEquals(Optional.of(LocalDate.of(2026, 7, 1)), found(database).databaseDate());
        assertTrue(Files.isRegularFile(work.resolve("city.mmdb")));
        assertEquals(List.of("city.mmdb"), fileNames(work));
        assertEquals(List.of("city.mmdb:updated"), attempts);
    }

    @Test
    void theNextAskIsConditionalAndA304ChangesNothing() {
        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, NEWER), "\"v2\"");
        DatabaseUpdater updater = DatabaseUpdater.of(database, updates(server.url("/city.mmdb")), Clock.systemUTC(),
                (file, result) -> attempts.add(file + ":" + result.label())).orElseThrow();
        updater.updateAll();
        server.answer(request -> "\"v2\"".equals(request.getHeaders().get("If-None-Match"))
                ? new MockResponse.Builder().code(304).build()
                : new MockResponse.Builder().code(500).build());

        updater.updateAll();

        assertEquals(List.of("city.mmdb:updated", "city.mmdb:not_modified"), attempts);
        assertEquals(Optional.of(NEWER), database.filesInUse().getFirst().built());
        assertEquals(DatabaseUpdater.Result.NOT_MODIFIED, updater.lastAttempt("city.mmdb").orElseThrow().result());
    }

    @Test
    void aTruncatedDownloadIsRefusedAndTheFileInUseKeepsServing() {
        byte[] newer = TestDatabase.withBuildTime(FLAT_IPV4, NEWER);
        server.serve(Arrays.copyOf(newer, newer.length / 2), "\"half\"");

        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.REFUSED);
    }

    @Test
    void aCorruptDownloadIsRefused() {
        byte[] newer = TestDatabase.withBuildTime(FLAT_IPV4, NEWER);
        // The search tree starts the file: every look-up walks through this.
        Arrays.fill(newer, 0, 4096, (byte) 0x5a);
        server.serve(newer, "\"corrupt\"");

        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.REFUSED);
    }

    @Test
    void anOlderOrTheSameBuildIsNotSwappedIn() {
        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, Instant.parse("2025-01-01T00:00:00Z")), "\"old\"");
        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.NOT_NEWER);

        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, IN_USE_BUILT), "\"same\"");
        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.NOT_NEWER);
    }

    @Test
    void aDatabaseOfAnotherTypeIsRefused() throws IOException {
        server.serve(Files.readAllBytes(TestDatabase.testFile(TestDatabase.GEOIP2_COUNTRY)), "\"country\"");

        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.REFUSED);
        assertTrue(database.filesInUse().getFirst().from().endsWith("city.mmdb"));
    }

    @Test
    void aFileThatAnswersFewerAddressesIsRefused() throws IOException {
        Path ipv6 = TestDatabase.testFile(TestDatabase.FLAT_IPV6);
        server.serve(TestDatabase.withBuildTime(ipv6, NEWER), "\"ipv6\"");

        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.REFUSED);
    }

    @Test
    void aDownloadOverTheSizeLimitIsAbandoned() {
        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, NEWER), "\"big\"");
        DatabaseUpdates small = new DatabaseUpdates(List.of(Optional.of(new DatabaseUpdates.Source(
                server.url("/city.mmdb")))), Optional.of(Duration.ofDays(1)), Optional.empty(), Optional.empty(),
                work, 1_000_000, Duration.ofMinutes(1));

        assertRefusedAndNothingChanged(small, DatabaseUpdater.Result.FAILED);
    }

    @Test
    void aServerThatNeverFinishesIsGivenUpOnInTime() {
        MockResponse trickle = DownloadServer.ok(TestDatabase.withBuildTime(FLAT_IPV4, NEWER)).newBuilder()
                .throttleBody(1024, 1, TimeUnit.SECONDS).build();
        server.answer(request -> trickle);
        DatabaseUpdates impatient = new DatabaseUpdates(List.of(Optional.of(new DatabaseUpdates.Source(
                server.url("/city.mmdb")))), Optional.of(Duration.ofDays(1)), Optional.empty(), Optional.empty(),
                work, 1L << 30, Duration.ofSeconds(1));
        long start = System.nanoTime();

        assertRefusedAndNothingChanged(impatient, DatabaseUpdater.Result.FAILED);

        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aServerErrorIsAFailedAttempt() {
        server.answer(request -> new MockResponse.Builder().code(503).build());

        assertRefusedAndNothingChanged(updates(server.url("/city.mmdb")), DatabaseUpdater.Result.FAILED);
    }

    @Test
    void aGzippedFileIsUnpacked() {
        server.serve(DownloadServer.gzip(TestDatabase.withBuildTime(FLAT_IPV4, NEWER)), "\"gz\"");

        assertEquals(DatabaseUpdater.Result.UPDATED, updateOnce(updates(server.url("/city.mmdb.gz"))));
        assertEquals(Optional.of(NEWER), database.filesInUse().getFirst().built());
    }

    @Test
    void aTarGzArchiveAsMaxMindShipsItIsUnpacked(@TempDir Path folder) throws Exception {
        Path edition = Files.createDirectories(folder.resolve("GeoLite2-City_20260701"));
        Files.writeString(edition.resolve("COPYRIGHT.txt"), "Database and Contents Copyright (c) MaxMind, Inc.");
        Files.write(edition.resolve("GeoLite2-City.mmdb"), TestDatabase.withBuildTime(FLAT_IPV4, NEWER));
        Process tar = new ProcessBuilder("tar", "-czf", "edition.tar.gz", edition.getFileName().toString())
                .directory(folder.toFile()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        server.serve(Files.readAllBytes(folder.resolve("edition.tar.gz")), "\"tar\"");

        assertEquals(DatabaseUpdater.Result.UPDATED, updateOnce(updates(server.url("/city.tar.gz"))));
        assertEquals(Optional.of(NEWER), database.filesInUse().getFirst().built());
    }

    @Test
    void theMonthInTheUrlIsTheCurrentOne() {
        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, NEWER), "\"v2\"");

        updateOnce(updates(server.url("/dbip-city-lite-{YYYY-MM}.mmdb.gz")));

        assertEquals("/dbip-city-lite-" + YearMonth.now(ZoneOffset.UTC) + ".mmdb.gz",
                server.requests().getFirst().getTarget());
    }

    @Test
    void credentialsGoToTheDownloadHostAndNotToWhereItRedirects() throws IOException {
        Path password = work.resolve("../password").normalize();
        Files.writeString(password, "licence-key-0f-the-test\n");
        byte[] newer = TestDatabase.withBuildTime(FLAT_IPV4, NEWER);
        server.answer(request -> request.getTarget().equals("/download")
                ? new MockResponse.Builder().code(302)
                        .setHeader("Location", server.otherHostUrl("/bucket/city.mmdb").toString()).build()
                : DownloadServer.ok(newer));
        DatabaseUpdates withLogin = new DatabaseUpdates(List.of(Optional.of(new DatabaseUpdates.Source(
                server.url("/download")))), Optional.of(Duration.ofDays(1)), Optional.of("12345"),
                Optional.of(password), work, 1L << 30, Duration.ofMinutes(1));

        assertEquals(DatabaseUpdater.Result.UPDATED, updateOnce(withLogin));

        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "12345:licence-key-0f-the-test".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, server.requests().get(0).getHeaders().get("Authorization"));
        assertEquals("/bucket/city.mmdb", server.requests().get(1).getTarget());
        assertEquals(null, server.requests().get(1).getHeaders().get("Authorization"));
    }

    @Test
    void whatADeadReplicaLeftHalfDownloadedIsRemovedAndWhatAnotherIsWritingIsNot() throws IOException {
        Path abandoned = Files.writeString(work.resolve(".city.mmdb.123.download"), "half");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(Instant.now().minus(
                Duration.ofHours(1))));
        Path writing = Files.writeString(work.resolve(".city.mmdb.456.new"), "in progress");
        Path given = Files.writeString(work.resolve("notes.txt"), "not ours");
        server.answer(request -> new MockResponse.Builder().code(304).build());

        updateOnce(new DatabaseUpdates(List.of(Optional.of(new DatabaseUpdates.Source(server.url("/city.mmdb")))),
                Optional.of(Duration.ofDays(1)), Optional.empty(), Optional.empty(), work, 1L << 30,
                Duration.ofMinutes(10)));

        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(writing));
        assertTrue(Files.exists(given));
    }

    @Test
    void aRestartUsesTheDownloadedFileWhenItIsNewerThanTheOneGiven() {
        server.serve(TestDatabase.withBuildTime(FLAT_IPV4, NEWER), "\"v2\"");
        updateOnce(updates(server.url("/city.mmdb")));
        database.close();

        database = open();

        assertEquals(Optional.of(NEWER), database.filesInUse().getFirst().built());
        assertTrue(database.filesInUse().getFirst().from().startsWith("downloaded earlier to "));
    }

    @Test
    void aRestartIgnoresADownloadedFileThatIsNotNewerThanTheOneGiven() throws IOException {
        Files.write(work.resolve("city.mmdb"), TestDatabase.withBuildTime(FLAT_IPV4,
                Instant.parse("2025-01-01T00:00:00Z")));
        database.close();

        database = open();

        assertEquals(Optional.of(IN_USE_BUILT), database.filesInUse().getFirst().built());
    }

    @Test
    void aRestartIgnoresADamagedDownloadedFile() throws IOException {
        Files.writeString(work.resolve("city.mmdb"), "<html>");
        database.close();

        database = open();

        assertEquals(Optional.of(IN_USE_BUILT), database.filesInUse().getFirst().built());
    }

    private void assertRefusedAndNothingChanged(DatabaseUpdates settings, DatabaseUpdater.Result expected) {
        attempts.clear();
        assertEquals(expected, updateOnce(settings));
        assertEquals(Optional.of(IN_USE_BUILT), database.filesInUse().getFirst().built());
        assertEquals(Optional.of(LocalDate.of(2026, 6, 17)), found(database).databaseDate());
        // Nothing left where a start-up would read it, and no temporary file either.
        assertEquals(List.of(), fileNames(work));
        assertEquals(List.of("city.mmdb:" + expected.label()), attempts);
    }

    private DatabaseUpdater.Result updateOnce(DatabaseUpdates settings) {
        DatabaseUpdater updater = DatabaseUpdater.of(database, settings, Clock.systemUTC(),
                (file, result) -> attempts.add(file + ":" + result.label())).orElseThrow();
        try (updater) {
            updater.updateAll();
            return updater.lastAttempt("city.mmdb").orElseThrow().result();
        }
    }

    private DatabaseUpdates updates(String url) {
        return new DatabaseUpdates(List.of(Optional.of(new DatabaseUpdates.Source(url))),
                Optional.of(Duration.ofDays(1)), Optional.empty(), Optional.empty(), work, 1L << 30,
                Duration.ofMinutes(1));
    }

    private GeoDatabase open() {
        return GeoDatabase.open(new DatabaseFiles(List.of(given.resolve("city.mmdb"))), Optional.of(work),
                Clock.systemUTC());
    }

    private static Found found(GeoDatabase database) {
        return (Found) database.locate(GOOGLE, Language.ENGLISH);
    }

    private static List<String> fileNames(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package geo.api.database;

import geo.common.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the database files fresh while geo-api serves: asks each file's URL whether there is a newer version, and
 * when there is, downloads it to the work folder, unpacks it, opens and checks it (its type, the self-test, a build
 * newer than the one in use), moves it to its place under the file's name with one atomic rename, and only then
 * swaps it in. Anything wrong leaves the file in use serving and no half-written file where a start-up reads.
 */
public final class DatabaseUpdater implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUpdater.class);
    /** How long stopping waits for an attempt in progress to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** How an update attempt ended, as the metrics and {@code /ready} name it. */
    public enum Result {
        UPDATED, NOT_MODIFIED, NOT_NEWER, FAILED, REFUSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The last attempt for one file. */
    public record Attempt(Instant at, Result result, String detail) {
    }

    private final GeoDatabase database;
    private final DatabaseUpdates settings;
    private final Download download;
    private final HttpClient http;
    private final Clock clock;
    private final BiConsumer<String, Result> onAttempt;
    private final Map<String, Download.Validators> validators = new ConcurrentHashMap<>();
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private Thread schedule;

    private DatabaseUpdater(GeoDatabase database, DatabaseUpdates settings, Optional<Download.Credentials> login,
            Clock clock, BiConsumer<String, Result> onAttempt) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        this.onAttempt = onAttempt;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("database-download-", 0)
                        .factory()))
                .build();
        this.download = new Download(http, login, settings.maxBytes(), settings.timeout());
    }

    /**
     * An updater for the database's files that have a URL, or none when updates are off; checks the settings against
     * the files (one URL per file at most, a work folder that can be written, a readable password) and stops
     * start-up if they do not fit.
     *
     * @param onAttempt told of every attempt, by file name and result, for the metrics
     */
    public static Optional<DatabaseUpdater> of(GeoDatabase database, DatabaseUpdates settings, Clock clock,
            BiConsumer<String, Result> onAttempt) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(settings, "settings");
        if (settings.sources().size() > database.slots().size()) {
            throw new ConfigException("GEO_DB_UPDATE_URL names " + settings.sources().size() + " URLs for "
                    + database.slots().size() + " database files: give at most one URL per file of GEO_DB, in order");
        }
        Optional<Download.Credentials> login = settings.user().map(user -> new Download.Credentials(user,
                password(settings.passwordFile().orElseThrow())));
        if (!settings.enabled()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(settings.work());
            Path probe = Files.createTempFile(settings.work(), ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ConfigException("GEO_DB_WORK=" + settings.work() + " is not a writable folder ("
                    + e.getMessage() + "): database updates need one");
        }
        return Optional.of(new DatabaseUpdater(database, settings, login, clock, onAttempt));
    }

    /** Checks every file now, then once every interval, in the background. */
    public void start() {
        schedule = Thread.ofVirtual().name("database-updates").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                updateAll();
                try {
                    Thread.sleep(settings.interval().orElseThrow());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /**
     * Checks every file that has a URL, one after the other, after removing what a replica that died in the middle
     * of an update left in the work folder.
     */
    public void updateAll() {
        removeAbandonedDownloads();
        for (int i = 0; i < settings.sources().size(); i++) {
            Optional<DatabaseUpdates.Source> source = settings.sources().get(i);
            if (source.isPresent()) {
                update(database.slots().get(i), source.get());
            }
        }
    }

    /** The last attempt for the file of this name, if any. */
    public Optional<Attempt> lastAttempt(String name) {
        return Optional.ofNullable(attempts.get(name));
    }

    /**
     * Stops the schedule and waits a little for an attempt in progress to give up and remove its temporary files, so
     * that a stopped replica leaves none behind.
     */
    @Override
    public void close() {
        if (schedule != null) {
            schedule.interrupt();
            try {
                if (!schedule.join(STOP_WAIT)) {
                    LOG.warn("event=database_update_still_running after={}", STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }

    private <D extends Dataset> Result update(Slot<D> slot, DatabaseUpdates.Source source) {
        URI uri = source.uri(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        String name = slot.name();
        Path downloaded;
        Path unpacked;
        try {
            // Names of this process's own, so that replicas may share the work folder.
            downloaded = Files.createTempFile(settings.work(), "." + name + ".", ".download");
        } catch (IOException e) {
            return recorded(name, uri, attempt(Result.FAILED, "cannot write to " + settings.work() + ": "
                    + e.getMessage()));
        }
        unpacked = downloaded.resolveSibling(downloaded.getFileName().toString().replace(".download", ".new"));
        Attempt attempt;
        try {
            attempt = switch (download.fetch(uri, validators.getOrDefault(name, Download.Validators.NONE),
                    downloaded)) {
                case Download.NotModified notModified -> attempt(Result.NOT_MODIFIED, "the server has no newer file");
                case Download.Failed failed -> attempt(Result.FAILED, failed.reason());
                case Download.Fetched fetched -> install(slot, uri, fetched, unpacked);
            };
        } finally {
            deleteQuietly(downloaded);
            deleteQuietly(unpacked);
        }
        if (Thread.currentThread().isInterrupted()) {
            // geo-api is stopping: an attempt cut short says nothing about the download.
            return attempt.result();
        }
        return recorded(name, uri, attempt);
    }

    /** Remembers, counts and logs the attempt. */
    private Result recorded(String name, URI uri, Attempt attempt) {
        attempts.put(name, attempt);
        onAttempt.accept(name, attempt.result());
        String url = shown(uri);
        if (attempt.result() == Result.UPDATED || attempt.result() == Result.NOT_MODIFIED) {
            LOG.info("event=database_update file={} result={} url=\"{}\" detail=\"{}\"", name,
                    attempt.result().label(), url, attempt.detail());
        } else {
            LOG.warn("event=database_update file={} result={} url=\"{}\" reason=\"{}\"", name,
                    attempt.result().label(), url, attempt.detail());
        }
        return attempt.result();
    }

    /** Unpacks, opens and checks the download, puts it in place, and swaps it in; refuses it otherwise. */
    private <D extends Dataset> Attempt install(Slot<D> slot, URI uri, Download.Fetched fetched, Path unpacked) {
        Dataset next;
        try {
            Unpack.mmdb(fetched.file(), unpacked, settings.maxBytes());
            next = Dataset.open(unpacked, Optional.of(settings.work()));
        } catch (IOException | RuntimeException e) {
            return attempt(Result.REFUSED, e.getMessage());
        }
        Dataset.Info now = slot.inUse().dataset().info();
        Optional<Attempt> unfit = unfit(slot, next, now);
        if (unfit.isPresent()) {
            next.close();
            if (unfit.get().result() == Result.NOT_NEWER) {
                // The server has only what is in use: ask it "only if changed" from now on.
                validators.put(slot.name(), fetched.validators());
            }
            return unfit.get();
        }
        Path target = settings.work().resolve(slot.name());
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            next.close();
            return attempt(Result.FAILED, "cannot move it into " + target + ": " + e.getMessage());
        }
        slot.replace(slot.role().cast(next), shown(uri), clock.instant());
        validators.put(slot.name(), fetched.validators());
        return attempt(Result.UPDATED, "built " + next.info().builtText() + ", was " + now.builtText());
    }

    /** Why the new file may not replace the one in use, as the attempt's end, if it may not. */
    private Optional<Attempt> unfit(Slot<?> slot, Dataset next, Dataset.Info now) {
        if (!slot.role().isInstance(next)) {
            return Optional.of(attempt(Result.REFUSED, "it is a " + next.info().kind().description() + " database ('"
                    + next.info().type() + "'), not a " + (now.kind().isCity() ? "city" : "ASN") + " database like "
                    + slot.name()));
        }
        DatabaseKind.Coverage was = now.coverage();
        DatabaseKind.Coverage will = next.info().coverage();
        if (will != was && will != DatabaseKind.Coverage.BOTH) {
            return Optional.of(attempt(Result.REFUSED, "it answers " + will + " only, and the file in use " + was));
        }
        if (!next.info().isNewerThan(now)) {
            return Optional.of(attempt(Result.NOT_NEWER, "not newer: built " + next.info().builtText()
                    + ", the file in use " + now.builtText()));
        }
        return Optional.empty();
    }

    /** The URL without its query, which may hold a licence key (MaxMind's older download URLs do). */
    private static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    private Attempt attempt(Result result, String detail) {
        return new Attempt(clock.instant(), result, detail);
    }

    private static String password(Path file) {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new ConfigException("GEO_DB_UPDATE_PASSWORD_FILE=" + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new ConfigException("GEO_DB_UPDATE_PASSWORD_FILE=" + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * Temporary files older than twice the longest download: no replica sharing the folder can still be writing
     * them, and a download of a gigabyte must not stay on the volume forever.
     */
    private void removeAbandonedDownloads() {
        Instant before = clock.instant().minus(settings.timeout().multipliedBy(2));
        try (Stream<Path> files = Files.list(settings.work())) {
            files.filter(file -> isTemporary(file.getFileName().toString())).filter(file -> {
                try {
                    return Files.getLastModifiedTime(file).toInstant().isBefore(before);
                } catch (IOException gone) {
                    return false;
                }
            }).forEach(file -> {
                LOG.info("event=database_download_removed file=\"{}\" reason=\"abandoned\"", file.getFileName());
                deleteQuietly(file);
            });
        } catch (IOException e) {
            LOG.warn("event=database_cleanup_error folder=\"{}\" error=\"{}\"", settings.work(), e.getMessage());
        }
    }

    /** The names {@link #update} gives its temporary files: a dot, the file's name, a number, the stage. */
    private static boolean isTemporary(String name) {
        return name.startsWith(".") && (name.endsWith(".download") || name.endsWith(".new"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("event=database_cleanup_error file=\"{}\" error=\"{}\"", file, e.getMessage());
        }
    }
}

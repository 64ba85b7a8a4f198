package geo.api.database;

import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.GeoProvider;
import geo.api.lookup.Language;
import geo.api.lookup.Outcome;
import geo.api.lookup.Source;
import geo.common.config.ConfigException;
import geo.common.net.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates addresses offline in city databases (either schema), with the network from an ASN database when there is
 * one, in the same JSON shape as ipgeolocation.io. Each file sits in a {@link Slot}, which an update may swap while
 * requests read it.
 */
public final class GeoDatabase implements GeoProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoDatabase.class);
    /**
     * How long after opening the country metadata is put together in the background: a fresh replica's first
     * answers need only their own countries, and on a small machine the JDK's locale data, read for all 250 at once,
     * took a core from them (the first answer came 90 ms later in a paired measurement).
     */
    private static final Duration CATALOG_WARM_UP_DELAY = Duration.ofSeconds(3);

    private final List<Slot<?>> slots;
    private final List<Slot<CityData>> cities;
    private final List<Slot<AsnData>> networks;
    private final LocationAnswer answers;
    private final Clock clock;

    private GeoDatabase(List<Slot<?>> slots, CountryCatalog countries, Clock clock) {
        this.slots = List.copyOf(slots);
        this.cities = ofRole(slots, CityData.class);
        this.networks = ofRole(slots, AsnData.class);
        this.answers = new LocationAnswer(countries);
        this.clock = clock;
    }

    /**
     * Opens and checks the files; any problem stops start-up with a message naming the file. A file that an update
     * left in {@code work} under the same name replaces the one given when it is good and newer.
     */
    public static GeoDatabase open(DatabaseFiles files, Optional<Path> work, Clock clock) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(clock, "clock");
        Opened opened = openAll(files.files(), work, clock.instant());
        List<Slot<?>> slots = opened.slots();
        if (ofRole(slots, CityData.class).isEmpty()) {
            slots.forEach(Slot::close);
            throw new ConfigException("GEO_DB=" + files.describe() + " holds no city database: geo-api needs one "
                    + "(run scripts/fetch-geodb.sh)");
        }
        CountryCatalog countries = opened.countries();
        GeoDatabase database = new GeoDatabase(slots, countries, clock);
        for (Slot<?> slot : slots) {
            Dataset.Info info = slot.inUse().dataset().info();
            LOG.info("event=database_opened file=\"{}\" kind=\"{}\" type=\"{}\" built={}", info.file(),
                    info.kind().description(), info.type(), info.builtText());
        }
        Thread.ofVirtual().name("country-catalog").start(() -> warmUpLater(countries));
        return database;
    }

    private static void warmUpLater(CountryCatalog countries) {
        try {
            Thread.sleep(CATALOG_WARM_UP_DELAY);
        } catch (InterruptedException stopping) {
            return;
        }
        countries.warmUp();
    }

    @Override
    public Outcome locate(IpAddress address, Language language) {
        InetAddress ip = address.address();
        try (Slot.Lease<CityData> city = leaseCovering(cities, ip);
                Slot.Lease<AsnData> network = leaseCovering(networks, ip)) {
            if (city == null) {
                return new Failure.NotFound(address);
            }
            Optional<RecordFields> fields = city.dataset().fields(ip, language, answers::fieldsOf);
            if (fields.isEmpty()) {
                return new Failure.NotFound(address);
            }
            Optional<AutonomousSystem> system = network == null ? Optional.empty() : network.dataset().system(ip);
            return new Found(answers.of(address, fields.get(), system, clock.instant()), 0,
                    Source.DATABASE, false, city.dataset().builtDay());
        } catch (IOException | RuntimeException e) {
            LOG.error("event=database_error ip={} error=\"{}\"", address, e.getMessage());
            return new Failure.ProviderFailed("the offline database could not be read");
        }
    }

    /**
     * A file in use, for {@code /ready} and the metrics.
     *
     * @param name  the file's name, which its updates keep
     * @param kind  its schema, in words
     * @param type  its {@code database_type}
     * @param built when it was built, if it says
     * @param from  where it came from: a path, or the URL of an update
     * @param since when it was put in use
     */
    public record FileInUse(String name, String kind, String type, Optional<Instant> built, String from,
            Instant since) {
    }

    public List<FileInUse> filesInUse() {
        return slots.stream().map(slot -> {
            Slot.InUse<?> inUse = slot.inUse();
            Dataset.Info info = inUse.dataset().info();
            return new FileInUse(slot.name(), info.kind().description(), info.type(), info.built(), inUse.origin(),
                    inUse.since());
        }).toList();
    }

    /** Every file in use, in {@code GEO_DB}'s order. */
    List<Slot<?>> slots() {
        return slots;
    }

    /**
     * The files as they were opened, for the start-up line and {@code /ready}'s source; without build dates, which an
     * update changes ({@link #filesInUse()} has those).
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Slot<?> slot : slots) {
            Dataset.Info info = slot.inUse().dataset().info();
            parts.add(info.file() + " (" + info.kind().description() + ")");
        }
        return "offline database " + String.join(", ", parts);
    }

    @Override
    public void close() {
        slots.forEach(Slot::close);
    }

    /** The first slot whose file covers the address, leased; null when none does. */
    private static <D extends Dataset> Slot.Lease<D> leaseCovering(List<Slot<D>> slots, InetAddress address) {
        for (Slot<D> slot : slots) {
            Slot.Lease<D> lease = slot.lease();
            if (lease.dataset().info().coverage().covers(address)) {
                return lease;
            }
            lease.close();
        }
        return null;
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private static <D extends Dataset> List<Slot<D>> ofRole(List<Slot<?>> slots, Class<D> role) {
        return slots.stream().filter(slot -> slot.role() == role).map(slot -> (Slot<D>) slot).toList();
    }

    /** The files' slots in their order, and the country data their answers need. */
    private record Opened(List<Slot<?>> slots, CountryCatalog countries) {
    }

    /**
     * Opens the files at once, since each takes time (a CSV file is read whole, an MMDB file checked), and meanwhile
     * reads the country data on this thread, which would otherwise only wait: it costs a start about as much CPU as
     * a file. The first failure closes what was opened and is thrown.
     */
    private static Opened openAll(List<Path> files, Optional<Path> work, Instant now) {
        List<Future<Slot<?>>> opening = new ArrayList<>();
        CountryCatalog countries = null;
        RuntimeException failure = null;
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("database-open-", 0)
                .factory())) {
            for (Path file : files) {
                opening.add(threads.submit(() -> slot(file, work, now)));
            }
            countries = CountryCatalog.load();
            countries.loadTheJdksData();
        } catch (RuntimeException e) {
            failure = e;
        }
        List<Slot<?>> slots = new ArrayList<>();
        for (Future<Slot<?>> slot : opening) {
            try {
                slots.add(slot.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException thrown ? thrown
                            : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while opening the database");
            }
        }
        if (failure != null) {
            slots.forEach(Slot::close);
            throw failure;
        }
        return new Opened(slots, countries);
    }

    private static Slot<?> slot(Path file, Optional<Path> work, Instant now) {
        Dataset given = openOrStop(file, work);
        Optional<Path> downloaded = work.map(folder -> folder.resolve(file.getFileName())).filter(Files::isRegularFile);
        if (downloaded.isPresent()) {
            Optional<Dataset> newer = newerDownload(downloaded.get(), given, work);
            if (newer.isPresent()) {
                given.close();
                return slotOf(file.getFileName().toString(), newer.get(), "downloaded earlier to " + downloaded.get(),
                        now);
            }
        }
        return slotOf(file.getFileName().toString(), given, file.toString(), now);
    }

    /** A file an earlier update left, if it is good, of the same kind, and newer than the one given. */
    private static Optional<Dataset> newerDownload(Path file, Dataset given, Optional<Path> work) {
        Dataset downloaded;
        try {
            downloaded = Dataset.open(file, work);
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=database_download_ignored file=\"{}\" reason=\"{}\"", file, e.getMessage());
            return Optional.empty();
        }
        if (downloaded.getClass() != given.getClass() || !downloaded.info().isNewerThan(given.info())) {
            LOG.info("event=database_download_ignored file=\"{}\" reason=\"not a newer {} database than {}\"", file,
                    given.info().kind().isCity() ? "city" : "ASN", given.info().file());
            downloaded.close();
            return Optional.empty();
        }
        return Optional.of(downloaded);
    }

    private static Slot<?> slotOf(String name, Dataset dataset, String origin, Instant now) {
        return switch (dataset) {
            case CityData city -> new Slot<>(name, CityData.class, city, origin, now);
            case AsnData network -> new Slot<>(name, AsnData.class, network, origin, now);
        };
    }

    private static Dataset openOrStop(Path file, Optional<Path> work) {
        try {
            return Dataset.open(file, work);
        } catch (IOException e) {
            throw new ConfigException("The offline database file " + file + " cannot be used: " + e.getMessage()
                    + "; run scripts/fetch-geodb.sh --force");
        }
    }
}

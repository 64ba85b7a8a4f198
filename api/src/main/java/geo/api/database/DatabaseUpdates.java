package geo.api.database;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How geo-api keeps its database files fresh while it runs.
 *
 * @param sources      {@code GEO_DB_UPDATE_URL}: for each file of {@code GEO_DB}, in order, where its new versions
 *                     are (or nothing, for a file not updated)
 * @param interval     {@code GEO_DB_UPDATE_INTERVAL}: how often to ask; empty for never
 * @param user         {@code GEO_DB_UPDATE_USER}: who to log in as (HTTP Basic), with the password of
 * @param passwordFile {@code GEO_DB_UPDATE_PASSWORD_FILE}
 * @param work         {@code GEO_DB_WORK}: the writable folder that downloads go to, and where a restart finds them
 * @param maxBytes     {@code GEO_DB_UPDATE_MAX_MB}, in bytes: the most a download, or the file unpacked from it, may be
 * @param timeout      {@code GEO_DB_UPDATE_TIMEOUT}: the longest one download may take
 */
public record DatabaseUpdates(List<Optional<Source>> sources, Optional<Duration> interval, Optional<String> user,
        Optional<Path> passwordFile, Path work, long maxBytes, Duration timeout) {

    /** A URL whose {@code {YYYY-MM}} stands for the month it is asked in, as DB-IP names its monthly files. */
    public record Source(String template) {

        public static final String MONTH = "{YYYY-MM}";

        public Source {
            Objects.requireNonNull(template, "template");
        }

        public URI uri(YearMonth month) {
            return URI.create(template.replace(MONTH, month.toString()));
        }
    }

    public DatabaseUpdates {
        sources = List.copyOf(sources);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Whether any file is updated at all. */
    public boolean enabled() {
        return interval.isPresent() && sources.stream().anyMatch(Optional::isPresent);
    }
}

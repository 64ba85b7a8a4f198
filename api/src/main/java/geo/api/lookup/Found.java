package geo.api.lookup;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A location, as the JSON object geo-api serves (ipgeolocation.io's flat field names).
 *
 * <p>The JSON is {@code bytes} from {@code offset} to the end: a location read from the cache is served straight out
 * of the cache entry, which holds its source's label before it, without copying it on every hit.
 *
 * @param bytes        holds the UTF-8 JSON object, without the per-response fields {@code cached} and
 *                     {@code apiServer}; shared, read-only by contract
 * @param offset       where the JSON starts in {@code bytes}
 * @param source       where the location came from
 * @param cached       whether it came from the cache rather than from the source just now
 * @param databaseDate the day the offline database that answered was built, for {@code X-Database-Date}
 */
public record Found(byte[] bytes, int offset, Source source, boolean cached, Optional<LocalDate> databaseDate)
        implements Outcome {

    public Found {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(databaseDate, "databaseDate");
        Objects.checkIndex(offset, bytes.length + 1);
    }

    /** A location whose bytes are all its JSON, from a source that is not a database. */
    public Found(byte[] json, Source source, boolean cached) {
        this(json, 0, source, cached, Optional.empty());
    }

    /** The JSON's length in bytes. */
    public int length() {
        return bytes.length - offset;
    }
}

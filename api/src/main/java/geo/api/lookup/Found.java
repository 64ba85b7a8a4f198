package geo.api.lookup;

import java.util.Objects;

/**
 * A location, as the JSON object geo-api serves (ipgeolocation.io's flat field names).
 *
 * @param json   the UTF-8 JSON object, without the per-response fields {@code cached} and {@code apiServer}; shared,
 *               read-only by contract
 * @param source where the location came from
 * @param cached whether it came from the cache rather than from the source just now
 */
public record Found(byte[] json, Source source, boolean cached) implements Outcome {

    public Found {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
    }
}

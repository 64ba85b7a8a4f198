package geo.api.lookup;

import java.util.Objects;

/**
 * A location, as the JSON object geo-api serves (ipgeolocation.io's flat field names).
 *
 * @param json   the UTF-8 JSON object, without the per-response fields {@code cached} and {@code apiServer}; shared,
 *               read-only by contract
 * @param cached whether it came from the cache rather than from the provider just now
 */
public record Found(byte[] json, boolean cached) implements Outcome {

    public Found {
        Objects.requireNonNull(json, "json");
    }
}

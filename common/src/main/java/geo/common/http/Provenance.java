package geo.common.http;

import java.util.Objects;

/**
 * Where an answer's content came from, for the access log and the metrics: whether it was served from a cache, and
 * its source's name (such as {@code ipgeolocation.io}). Only answers that carry one content of one source have one.
 */
public record Provenance(boolean cached, String source) {

    public Provenance {
        Objects.requireNonNull(source, "source");
    }
}

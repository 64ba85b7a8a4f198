package geo.api;

import java.util.Locale;

/** {@code PROVIDER}: where geo-api looks addresses up. */
public enum ProviderMode {
    /** ipgeolocation.io when an API key is configured, with the offline database as fallback; else the database. */
    AUTO,
    /** ipgeolocation.io only; its failures are the client's errors. */
    IPGEOLOCATION,
    /** The offline database only. */
    DATABASE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

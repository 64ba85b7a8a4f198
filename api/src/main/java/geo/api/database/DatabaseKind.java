package geo.api.database;

import com.maxmind.db.Metadata;
import geo.common.config.ConfigException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;

/** The record schemas geo reads, recognised from a file's {@code database_type} (or, for CSV, its name). */
enum DatabaseKind {
    /** ip-location-db's flat city records: "city ipv4", "city ipv6". */
    FLAT_CITY("city, flat schema"),
    /** MaxMind's GeoIP2 City records: GeoLite2-City, GeoIP2-City, DBIP-City-Lite and the like. */
    GEOIP2_CITY("city, GeoIP2 schema"),
    /** AS number and organization in MaxMind's format: GeoLite2-ASN, DBIP-ASN-Lite. */
    ASN("ASN"),
    /** ip-location-db's ASN ranges as CSV. */
    ASN_CSV("ASN, CSV");

    private final String description;

    DatabaseKind(String description) {
        this.description = description;
    }

    boolean isCity() {
        return this == FLAT_CITY || this == GEOIP2_CITY;
    }

    String description() {
        return description;
    }

    /** The kind of an MMDB file; any type geo cannot read stops start-up with one line naming the file. */
    static DatabaseKind of(Path file, Metadata metadata) {
        String type = type(metadata);
        if (type.equals("city ipv4") || type.equals("city ipv6")) {
            return FLAT_CITY;
        }
        if (type.contains("city")) {
            return GEOIP2_CITY;
        }
        if (type.contains("asn")) {
            return ASN;
        }
        throw new ConfigException("The database " + file + " is of type '" + metadata.databaseType() + "', which "
                + "geo does not read: give it city databases (GeoLite2-City, GeoIP2-City, DB-IP City Lite, "
                + "ip-location-db's city files) and, for asn and organization, an ASN database");
    }

    /** The address family a file answers: its type says when it holds one only, else its IP version. */
    static Coverage coverage(Metadata metadata) {
        String type = type(metadata);
        if (type.endsWith(" ipv4") || metadata.ipVersion() == 4) {
            return Coverage.IPV4;
        }
        return type.endsWith(" ipv6") ? Coverage.IPV6 : Coverage.BOTH;
    }

    /** The file's {@code database_type} in lower case, "" when it names none. */
    private static String type(Metadata metadata) {
        return metadata.databaseType() == null ? "" : metadata.databaseType().toLowerCase(Locale.ROOT);
    }

    /** Which addresses a file answers. */
    enum Coverage {
        IPV4("IPv4 addresses"), IPV6("IPv6 addresses"), BOTH("IPv4 and IPv6 addresses");

        private final String description;

        Coverage(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }

        boolean covers(InetAddress address) {
            return this == BOTH || (address.getAddress().length == 4) == (this == IPV4);
        }
    }
}

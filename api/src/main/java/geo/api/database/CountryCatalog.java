package geo.api.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Country metadata from well-kept sources: names, ISO-3 codes and currencies from the JDK; continents, capitals,
 * calling codes, languages, time zones and currency symbols from {@code countries.tsv}, which
 * {@code scripts/generate-country-data.sh} writes from the npm package countries-list, the IANA tz database and the
 * JDK's locale data: one country a line, tab-separated, read by splitting lines, since parsing it as JSON took about
 * a tenth of a start's CPU (the JSON parser's first use, and BigDecimal's, whose first use computes a table). The
 * symbols are kept there because they are the one thing that needs the JDK's data for some 250 locales (the module
 * jdk.localedata): without it the runtime in the images is 10 MB smaller.
 *
 * <p>A country is put together when first asked for, so that start-up does not wait for all of them;
 * {@link #warmUp()} does them all in the background.
 */
final class CountryCatalog {

    /** The 27 member states of the European Union (europa.eu, since the United Kingdom left on 2020-01-31). */
    private static final Set<String> EU_MEMBERS = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI",
            "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    /** The one country whose top-level domain is not its ISO code. */
    private static final Map<String, String> TLD_EXCEPTIONS = Map.of("GB", ".uk");
    private static final String RESOURCE = "countries.tsv";
    /** A line's fields, in the file's order. */
    private static final int CODE = 0;
    private static final int CONTINENT = 1;
    private static final int CONTINENT_NAME = 2;
    private static final int CAPITAL = 3;
    private static final int PHONE = 4;
    private static final int LANGUAGES = 5;
    private static final int CURRENCY_SYMBOL = 6;
    private static final int ZONES = 7;
    private static final int FIELDS = 8;

    private final Map<String, String[]> sources;
    private final ConcurrentHashMap<String, Country> countries = new ConcurrentHashMap<>();

    private CountryCatalog(Map<String, String[]> sources) {
        this.sources = Map.copyOf(sources);
    }

    static CountryCatalog load() {
        String data;
        try (InputStream in = CountryCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from geo-api's jar");
            }
            data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, String[]> sources = new HashMap<>();
        for (String line : data.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != FIELDS) {
                throw new IllegalStateException(RESOURCE + " has a line of " + fields.length + " fields, not "
                        + FIELDS + ": " + line);
            }
            sources.put(fields[CODE], fields);
        }
        return new CountryCatalog(sources);
    }

    Optional<Country> byCode(String code2) {
        String[] source = sources.get(code2);
        return source == null
                ? Optional.empty()
                : Optional.of(countries.computeIfAbsent(code2, code -> country(code, source)));
    }

    /**
     * Puts one country together now (any with a currency and a time zone would do), which loads what every country
     * needs the first time: the JDK's time zone rules and its currency and country names. A fresh replica's first
     * answer paid for them, about 30 ms of CPU (async-profiler); GeoDatabase does it while the files open.
     */
    void loadTheJdksData() {
        byCode("GB");
    }

    /** Puts every country together now, so that no request pays for it later. */
    void warmUp() {
        sources.keySet().forEach(this::byCode);
    }

    int size() {
        return sources.size();
    }

    private static Country country(String code, String[] data) {
        Locale place = Locale.of("", code);
        String phone = data[PHONE];
        return new Country(
                code,
                iso3(place),
                place.getDisplayCountry(Locale.ENGLISH),
                data[CONTINENT],
                data[CONTINENT_NAME],
                data[CAPITAL],
                phone.isEmpty() ? "" : "+" + phone,
                TLD_EXCEPTIONS.getOrDefault(code, "." + code.toLowerCase(Locale.ROOT)),
                data[LANGUAGES],
                EU_MEMBERS.contains(code),
                currency(code, data[CURRENCY_SYMBOL]),
                zones(data[ZONES]));
    }

    private static String iso3(Locale place) {
        try {
            return place.getISO3Country();
        } catch (MissingResourceException unknownToTheJdk) {
            return "";
        }
    }

    private static Optional<Country.CountryCurrency> currency(String code, String symbol) {
        Currency currency;
        try {
            currency = Currency.getInstance(Locale.of("", code));
        } catch (IllegalArgumentException noCurrencyData) {
            return Optional.empty();
        }
        if (currency == null) {
            return Optional.empty();
        }
        // The symbol as the country writes it ("$" in the United States, "€" in Germany, "£" in the United Kingdom),
        // or, for a currency the data has no symbol for, its code: what the JDK gives when it knows no symbol.
        return Optional.of(new Country.CountryCurrency(currency.getCurrencyCode(),
                currency.getDisplayName(Locale.ENGLISH), symbol.isEmpty() ? currency.getCurrencyCode() : symbol));
    }

    /** The zones of a line's last field: "name latitude longitude main", comma-separated. */
    private static List<Country.Zone> zones(String zones) {
        List<String[]> listed = new ArrayList<>();
        List<ZoneId> ids = new ArrayList<>();
        for (String zone : zones.isEmpty() ? new String[0] : zones.split(",")) {
            String[] parts = zone.split(" ");
            try {
                ids.add(ZoneId.of(parts[0]));
                listed.add(parts);
            } catch (DateTimeException newerThanThisJdk) {
                // The JDK's time zone data lags the tz database slightly; such a zone is left out.
            }
        }
        Instant now = Instant.now();
        List<List<ZoneOffset>> clocks = ids.stream().map(id -> clockThisYear(id, now)).toList();
        List<Country.Zone> known = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<ZoneOffset> clock = clocks.get(i);
            // Among zones that keep this clock, the one the tz database marks as the region's main zone, or the first.
            int shownAs = IntStream.range(0, ids.size())
                    .filter(j -> clocks.get(j).equals(clock) && Boolean.parseBoolean(listed.get(j)[3]))
                    .findFirst().orElse(clocks.indexOf(clock));
            known.add(new Country.Zone(ids.get(i), ids.get(shownAs), Double.parseDouble(listed.get(i)[1]),
                    Double.parseDouble(listed.get(i)[2])));
        }
        return known;
    }

    /**
     * The zone's offsets every 30 days over the coming year: two zones with the same show the same time. Worked out
     * once per zone and compared, since a country has up to 29 zones (the United States).
     */
    private static List<ZoneOffset> clockThisYear(ZoneId zone, Instant from) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = new ArrayList<>();
        Instant instant = from;
        for (int month = 0; month <= 12; month++, instant = instant.plus(Duration.ofDays(30))) {
            offsets.add(rules.getOffset(instant));
        }
        return offsets;
    }
}

package geo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.common.http.Request;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ?fields=} and {@code ?excludes=}, as ipgeolocation.io has them: comma-separated names of the answer's
 * fields, a nested one written {@code time_zone.name}. With {@code fields} the answer holds those and {@code ip};
 * with {@code excludes} everything but those ({@code ip} stays). The cache always holds the whole answer: the
 * selection is made on the way out.
 */
record FieldSelection(Set<String> fields, Set<String> excludes) implements ParsedSelection {

    /** Every field geo-api answers with, from ipgeolocation.io or the offline database, and its own two. */
    static final List<String> KNOWN = List.of("ip", "hostname", "continent_code", "continent_name",
            "country_code2", "country_code3", "country_name", "country_name_official", "country_capital",
            "state_prov", "state_code", "district", "city", "zipcode", "latitude", "longitude", "accuracy_radius", "is_eu",
            "calling_code", "country_tld", "languages", "country_flag", "country_emoji", "geoname_id", "isp",
            "connection_type", "organization", "asn", "currency", "currency.code", "currency.name", "currency.symbol",
            "time_zone", "time_zone.name", "time_zone.offset", "time_zone.offset_with_dst", "time_zone.current_time",
            "time_zone.current_time_unix", "time_zone.is_dst", "time_zone.dst_savings", "time_zone.dst_exists",
            "time_zone.dst_start", "time_zone.dst_end", "cached", "apiServer");

    static final FieldSelection ALL = new FieldSelection(Set.of(), Set.of());

    FieldSelection {
        fields = Set.copyOf(fields);
        excludes = Set.copyOf(excludes);
    }

    /** From the request's {@code fields} and {@code excludes}, either of which may be absent or empty. */
    static ParsedSelection of(Request request) {
        return of(request.queryParameter("fields"), request.queryParameter("excludes"));
    }

    static ParsedSelection of(Optional<String> fields, Optional<String> excludes) {
        if (fields.isEmpty() && excludes.isEmpty()) {
            return ALL;
        }
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> unwanted = new LinkedHashSet<>();
        Optional<Problem.UnknownField> unknown = names("fields", fields, wanted)
                .or(() -> names("excludes", excludes, unwanted));
        if (unknown.isPresent()) {
            return unknown.get();
        }
        return wanted.isEmpty() && unwanted.isEmpty() ? ALL : new FieldSelection(wanted, unwanted);
    }

    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    boolean isAll() {
        return fields.isEmpty() && excludes.isEmpty();
    }

    /** Whether the answer keeps this field (a dotted name for a nested one). */
    boolean keeps(String name) {
        if (name.equals("ip")) {
            return true;
        }
        if (excludes.contains(name) || excludes.contains(parentOf(name))) {
            return false;
        }
        return fields.isEmpty() || fields.contains(name) || fields.contains(parentOf(name));
    }

    /** The location with only the kept fields, in their order; nested objects keep their kept fields. */
    ObjectNode apply(ObjectNode location) {
        if (isAll()) {
            return location;
        }
        ObjectNode kept = location.objectNode();
        for (Map.Entry<String, JsonNode> field : location.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value instanceof ObjectNode nested) {
                ObjectNode inner = kept.objectNode();
                nested.properties().forEach(entry -> {
                    if (keeps(name + "." + entry.getKey())) {
                        inner.set(entry.getKey(), entry.getValue());
                    }
                });
                if (!inner.isEmpty()) {
                    kept.set(name, inner);
                }
            } else if (keeps(name)) {
                kept.set(name, value);
            }
        }
        return kept;
    }

    /** A short text naming this selection, for the answer's ETag. */
    String key() {
        return isAll() ? "" : "f=" + String.join(",", new TreeSet<>(fields)) + ";x="
                + String.join(",", new TreeSet<>(excludes));
    }

    /** Adds the list's names to {@code names}; the first that is not a field, if any. */
    private static Optional<Problem.UnknownField> names(String parameter, Optional<String> list, Set<String> names) {
        if (list.isEmpty()) {
            return Optional.empty();
        }
        for (String name : list.get().split(",")) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!isKnown(trimmed)) {
                return Optional.of(new Problem.UnknownField(parameter, trimmed));
            }
            names.add(trimmed);
        }
        return Optional.empty();
    }

    private static String parentOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}

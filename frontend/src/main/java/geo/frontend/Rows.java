package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Turns geo-api's JSON answer into the groups of rows of the page's table: nested objects become fields such as
 * {@code time_zone.name}, each with a readable label, grouped into location, network, time zone and currency.
 */
final class Rows {

    /** One line of the table: the field's name in geo-api's JSON, its label, and its value as text. */
    record Row(String field, String label, String value) {
    }

    /** A titled group of rows. */
    record Group(String title, List<Row> rows) {
    }

    /** Fields about the answer rather than the address, shown below the table instead. */
    private static final Set<String> ABOUT_THE_ANSWER = Set.of("cached", "apiServer");
    private static final Set<String> NETWORK = Set.of("hostname", "isp", "organization", "asn", "connection_type",
            "network", "company");
    private static final String LOCATION = "Location";
    private static final Map<String, String> GROUP_OF_OBJECT = Map.of("time_zone", "Time zone", "currency", "Currency",
            "network", "Network", "company", "Network", "asn", "Network");
    private static final List<String> GROUP_ORDER = List.of(LOCATION, "Network", "Time zone", "Currency");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("ip", "IP address"),
            Map.entry("hostname", "Host name"),
            Map.entry("continent_code", "Continent code"),
            Map.entry("continent_name", "Continent"),
            Map.entry("country_code2", "Country code"),
            Map.entry("country_code3", "Country code (3 letters)"),
            Map.entry("country_name", "Country"),
            Map.entry("country_name_official", "Country, official name"),
            Map.entry("country_capital", "Capital"),
            Map.entry("state_prov", "State or province"),
            Map.entry("state_code", "State code"),
            Map.entry("zipcode", "Postal code"),
            Map.entry("is_eu", "In the EU"),
            Map.entry("country_tld", "Internet domain"),
            Map.entry("country_flag", "Flag image"),
            Map.entry("country_emoji", "Flag"),
            Map.entry("geoname_id", "GeoNames id"),
            Map.entry("isp", "ISP"),
            Map.entry("accuracy_radius", "Accuracy radius (km)"),
            Map.entry("asn", "AS number"),
            Map.entry("asn.as_number", "AS number"),
            Map.entry("time_zone.offset", "UTC offset (hours)"),
            Map.entry("time_zone.offset_with_dst", "UTC offset with daylight saving (hours)"),
            Map.entry("time_zone.current_time_unix", "Current time (Unix seconds)"),
            Map.entry("time_zone.is_dst", "Daylight saving time now"),
            Map.entry("time_zone.dst_savings", "Daylight saving (hours)"));

    private Rows() {
    }

    /** The groups that have rows, in the order location, network, time zone, currency, then any other. */
    static List<Group> of(JsonNode location) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        GROUP_ORDER.forEach(title -> groups.put(title, new ArrayList<>()));
        for (Map.Entry<String, JsonNode> field : location.properties()) {
            if (!ABOUT_THE_ANSWER.contains(field.getKey())) {
                add(groups.computeIfAbsent(groupOf(field.getKey(), field.getValue()), any -> new ArrayList<>()),
                        field.getKey(), field.getValue());
            }
        }
        List<Group> present = new ArrayList<>();
        groups.forEach((title, rows) -> {
            if (!rows.isEmpty()) {
                present.add(new Group(title, List.copyOf(rows)));
            }
        });
        return present;
    }

    private static String groupOf(String name, JsonNode value) {
        if (NETWORK.contains(name)) {
            return "Network";
        }
        if (value.isObject()) {
            return GROUP_OF_OBJECT.getOrDefault(name, label(name));
        }
        return LOCATION;
    }

    private static void add(List<Row> rows, String field, JsonNode value) {
        if (value.isObject()) {
            value.properties().forEach(inner -> add(rows, field + "." + inner.getKey(), inner.getValue()));
        } else if (value.isArray() && !value.isEmpty()) {
            StringJoiner items = new StringJoiner(", ");
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            rows.add(row(field, items.toString()));
        } else if (value.isNumber()) {
            rows.add(row(field, value.decimalValue().toPlainString()));
        } else if (value.isBoolean()) {
            rows.add(row(field, value.asBoolean() ? "yes" : "no"));
        } else if (!value.isNull() && !value.asText().isBlank()) {
            // An empty row says nothing: what geo-api does not know is left out.
            rows.add(row(field, value.asText()));
        }
    }

    private static Row row(String field, String value) {
        return new Row(field, label(field), value);
    }

    /** A known field's label, or the last part of its name as words: {@code time_zone.current_time} → "Current time". */
    private static String label(String field) {
        String known = LABELS.get(field);
        if (known != null) {
            return known;
        }
        String last = field.substring(field.lastIndexOf('.') + 1).replace('_', ' ').strip();
        return last.isEmpty() ? field : Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }
}

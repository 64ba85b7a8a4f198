package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Flattens geo-api's JSON answer into the rows of a table: nested objects become {@code time_zone.name} and so on. */
final class Rows {

    /** One line of the table: a field's dotted name and its value as text. */
    record Row(String name, String value) {
    }

    /** Fields about the answer rather than the address, shown below the table instead. */
    private static final Set<String> ABOUT_THE_ANSWER = Set.of("cached", "apiServer");

    private Rows() {
    }

    static List<Row> of(JsonNode location) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : location.properties()) {
            if (!ABOUT_THE_ANSWER.contains(field.getKey())) {
                add(rows, field.getKey(), field.getValue());
            }
        }
        return rows;
    }

    private static void add(List<Row> rows, String name, JsonNode value) {
        if (value.isObject()) {
            value.properties().forEach(field -> add(rows, name + "." + field.getKey(), field.getValue()));
        } else if (value.isArray()) {
            StringJoiner items = new StringJoiner(", ");
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            rows.add(new Row(name, items.toString()));
        } else if (value.isNumber()) {
            rows.add(new Row(name, value.decimalValue().toPlainString()));
        } else {
            rows.add(new Row(name, value.isNull() ? "" : value.asText()));
        }
    }
}

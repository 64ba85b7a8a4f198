package geo.api.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns ipgeolocation.io's nested {@code /v2/ipgeo} answer into the flat shape of its unversioned {@code /ipgeo},
 * which geo-api serves: {@code location.*} moves to the top, {@code country_metadata.tld} becomes {@code country_tld},
 * the languages are joined with commas, {@code asn.as_number} becomes {@code asn} and {@code asn.organization}
 * {@code organization}. Everything else keeps its name and place.
 */
final class FlatShape {

    private FlatShape() {
    }

    static ObjectNode fromV2(ObjectNode nested) {
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : nested.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "location" -> copyFields(value, flat);
                case "country_metadata" -> countryMetadata(value, flat);
                case "asn" -> asn(value, flat);
                case "network" -> network(value, flat);
                default -> flat.set(field.getKey(), value);
            }
        }
        if (!flat.has("isp") && flat.has("organization")) {
            flat.set("isp", flat.get("organization"));
        }
        return flat;
    }

    private static void copyFields(JsonNode source, ObjectNode target) {
        if (source.isObject()) {
            source.properties().forEach(field -> target.set(field.getKey(), field.getValue()));
        }
    }

    private static void countryMetadata(JsonNode metadata, ObjectNode flat) {
        for (Map.Entry<String, JsonNode> field : metadata.properties()) {
            switch (field.getKey()) {
                case "tld" -> flat.set("country_tld", field.getValue());
                case "languages" -> flat.put("languages", joined(field.getValue()));
                default -> flat.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void asn(JsonNode asn, ObjectNode flat) {
        if (asn.has("as_number")) {
            flat.set("asn", asn.get("as_number"));
        }
        if (asn.has("organization")) {
            flat.set("organization", asn.get("organization"));
        }
    }

    /** Paid plans nest the ASN, the company and the connection type under {@code network}. */
    private static void network(JsonNode network, ObjectNode flat) {
        for (Map.Entry<String, JsonNode> field : network.properties()) {
            switch (field.getKey()) {
                case "asn" -> asn(field.getValue(), flat);
                case "company" -> {
                    if (field.getValue().has("name")) {
                        flat.set("isp", field.getValue().get("name"));
                    }
                }
                default -> flat.set(field.getKey(), field.getValue());
            }
        }
    }

    private static String joined(JsonNode languages) {
        if (!languages.isArray()) {
            return languages.asText();
        }
        StringJoiner joined = new StringJoiner(",");
        languages.forEach(language -> joined.add(language.asText()));
        return joined.toString();
    }
}

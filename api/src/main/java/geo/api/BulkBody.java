package geo.api;

import com.fasterxml.jackson.databind.JsonNode;
import geo.common.http.Request;
import geo.common.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /bulk}, {@code {"ips": [...]}}, read with a bound: the texts asked, or what is wrong. */
sealed interface BulkBody {

    /** The texts asked, in order; each is looked up, or refused, on its own. */
    record Asked(List<String> texts) implements BulkBody {
        public Asked {
            texts = List.copyOf(texts);
        }
    }

    /** A body that cannot be taken as it is. */
    record Refused(Problem problem) implements BulkBody {
    }

    /** Bytes a body may take per address asked, and beyond that. */
    int BYTES_PER_ADDRESS = 64;
    int BYTES_BESIDES = 1024;

    /** @param max how many addresses one request may ask, {@code BULK_MAX} */
    static BulkBody read(Request request, int max) {
        int maxBytes = max * BYTES_PER_ADDRESS + BYTES_BESIDES;
        byte[] bytes;
        try {
            // Not closed here: closing skips what is left of the body, which must not delay the answer. The HTTP
            // layer closes the exchange once it has answered.
            bytes = request.body().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            // Broken chunked framing, or a client that stopped sending: the connection closes after the answer.
            return new Refused(new Problem.BodyUnreadable());
        }
        if (bytes.length > maxBytes) {
            return new Refused(new Problem.BodyTooLarge(maxBytes));
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return new Refused(new Problem.BodyNotJson());
        }
        JsonNode ips = body == null ? null : body.get("ips");
        if (ips == null || !ips.isArray() || !allText(ips)) {
            return new Refused(new Problem.BodyNotAddressList());
        }
        if (ips.size() > max) {
            return new Refused(new Problem.TooManyAddresses(max, ips.size()));
        }
        List<String> texts = new ArrayList<>(ips.size());
        ips.forEach(ip -> texts.add(ip.asText()));
        return new Asked(texts);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}

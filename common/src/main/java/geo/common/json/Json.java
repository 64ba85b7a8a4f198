package geo.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** geo's one JSON mapper, and the shape of its errors. */
public final class Json {

    /**
     * Keeps numbers and text as they were written when JSON is read and written again: 1795455780.0 must not come
     * out as 1.79545578E9, nor a flag emoji as escaped surrogates.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private record ErrorBody(int status, String error) {
    }

    private Json() {
    }

    /** {@code {"status":N,"error":"…"}}, the body of every JSON error geo answers. */
    public static byte[] error(int status, String message) {
        return write(new ErrorBody(status, message));
    }

    /** The value as UTF-8 JSON; a value that cannot be written is a bug. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

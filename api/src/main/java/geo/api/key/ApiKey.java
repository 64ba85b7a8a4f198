package geo.api.key;

import java.util.Objects;

/** The ipgeolocation.io API key: a secret that prints as {@code [redacted]} and can scrub itself from any text. */
public final class ApiKey {

    private static final String REDACTED = "[redacted]";

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an API key cannot be blank");
        }
        return new ApiKey(value.strip());
    }

    /** The key itself, for the one place that sends it to the provider. */
    public String reveal() {
        return value;
    }

    /** The text with every occurrence of the key replaced, for messages that quote a third party. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, REDACTED);
    }

    /** Whether the text holds the key. */
    public boolean isIn(String text) {
        return text.contains(value);
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}

package geo.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, validated reads of environment variables; every malformed value becomes a {@link ConfigException} that
 * names the variable, the value and what was expected.
 *
 * <p>A variable set to an empty or blank string counts as unset, since orchestrators often pass {@code NAME=} for
 * "no value".
 */
public final class Env {

    private final Map<String, String> variables;

    private Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Env of(Map<String, String> variables) {
        return new Env(Objects.requireNonNull(variables, "variables"));
    }

    public Optional<String> string(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    public String required(String name, String meaning) {
        return string(name).orElseThrow(() -> new ConfigException(name + " is required: " + meaning));
    }

    public int port(String name, int defaultValue) {
        return string(name).map(value -> parseInt(name, value, 1, 65_535, "a port number from 1 to 65535"))
                .orElse(defaultValue);
    }

    public int positiveInt(String name, int defaultValue) {
        return string(name).map(value -> parseInt(name, value, 1, Integer.MAX_VALUE, "a whole number greater than 0"))
                .orElse(defaultValue);
    }

    /** A whole number of at least 0, where 0 usually turns something off. */
    public int count(String name, int defaultValue) {
        return string(name).map(value -> parseInt(name, value, 0, Integer.MAX_VALUE, "a whole number, 0 or more"))
                .orElse(defaultValue);
    }

    public Duration duration(String name, Duration defaultValue) {
        return string(name).map(value -> parseDuration(name, value)).orElse(defaultValue);
    }

    /** Reads {@code true} or {@code false} in any letter case, as the how-to writes {@code True}. */
    public boolean bool(String name, boolean defaultValue) {
        return string(name).map(value -> parseBoolean(name, value)).orElse(defaultValue);
    }

    public Optional<URI> httpUri(String name) {
        return string(name).map(value -> parseHttpUri(name, value));
    }

    public URI httpUri(String name, URI defaultValue) {
        return httpUri(name).orElse(defaultValue);
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        return string(name).map(value -> parseChoice(name, value, type)).orElse(defaultValue);
    }

    /** A whole number from {@code min} to {@code max}; anything else is reported as {@code expected}. */
    private static int parseInt(String name, String value, int min, int max, String expected) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the expected form.
        }
        throw invalid(name, value, expected);
    }

    private static Duration parseDuration(String name, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isPositive()) {
                return duration;
            }
        } catch (DateTimeParseException ignored) {
            // Reported below with the expected form.
        }
        throw invalid(name, value, "a positive ISO-8601 duration such as PT2S, PT5M or P1D");
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, value, "True or False");
        };
    }

    private static URI parseHttpUri(String name, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // Reported below with the expected form.
        }
        throw invalid(name, value, "an http:// or https:// URL with a host");
    }

    private static <E extends Enum<E>> E parseChoice(String name, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        StringBuilder expected = new StringBuilder("one of");
        for (E constant : type.getEnumConstants()) {
            expected.append(' ').append(constant);
        }
        throw invalid(name, value, expected.toString());
    }

    /** Builds the one-line message for a value that is present but malformed. */
    public static ConfigException invalid(String name, String value, String expected) {
        return new ConfigException(name + "=" + value + " is invalid: expected " + expected);
    }
}

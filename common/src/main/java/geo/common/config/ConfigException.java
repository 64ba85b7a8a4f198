package geo.common.config;

/** A setting that is missing or malformed; its message is one line that names the variable and what is expected. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

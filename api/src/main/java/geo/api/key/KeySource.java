package geo.api.key;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where geo-api reads its ipgeolocation.io key at start-up, in the order of precedence of the settings. */
public sealed interface KeySource {

    /** The key given directly, in {@code API_KEY}. */
    record Direct(ApiKey key) implements KeySource {
        public Direct {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A file holding only the key, such as a Docker secret under {@code /run/secrets/}. */
    record KeyFile(Path path) implements KeySource {
        public KeyFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A field of a JSON secret in AWS Secrets Manager, as the how-to keeps it.
     *
     * @param secretName the secret's name or ARN ({@code SECRET_NAME})
     * @param field      the JSON field that holds the key ({@code SECRET_KEY})
     * @param region     the AWS region ({@code REGION_NAME})
     * @param endpoint   another endpoint than AWS's, from {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}
     */
    record SecretsManager(String secretName, String field, String region, Optional<URI> endpoint)
            implements KeySource {
        public SecretsManager {
            Objects.requireNonNull(secretName, "secretName");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** A short name for the start-up log line; never the key. */
    default String describe() {
        return switch (this) {
            case Direct direct -> "API_KEY";
            case KeyFile file -> "API_KEY_FILE " + file.path();
            case SecretsManager secret -> "AWS Secrets Manager " + secret.secretName() + " in " + secret.region();
        };
    }
}

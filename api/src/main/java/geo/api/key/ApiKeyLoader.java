package geo.api.key;

import com.fasterxml.jackson.databind.JsonNode;
import geo.common.json.Json;
import geo.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/** Reads the API key once at start-up; a key that cannot be read stops the service with one clear line. */
public final class ApiKeyLoader {

    private static final Duration AWS_TIMEOUT = Duration.ofSeconds(10);

    private ApiKeyLoader() {
    }

    public static ApiKey load(KeySource source) {
        return switch (source) {
            case KeySource.Direct direct -> direct.key();
            case KeySource.KeyFile file -> fromFile(file);
            case KeySource.SecretsManager secret -> fromSecretsManager(secret);
        };
    }

    private static ApiKey fromFile(KeySource.KeyFile file) {
        String text;
        try {
            text = Files.readString(file.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("API_KEY_FILE=" + file.path() + " cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (text.isBlank()) {
            throw new ConfigException("API_KEY_FILE=" + file.path() + " is empty: expected the API key");
        }
        return ApiKey.of(text);
    }

    private static ApiKey fromSecretsManager(KeySource.SecretsManager secret) {
        String where = "secret '" + secret.secretName() + "' in AWS Secrets Manager (" + secret.region() + ")";
        String secretString;
        try (SecretsManagerClient client = client(secret)) {
            secretString = client.getSecretValue(request -> request.secretId(secret.secretName())).secretString();
        } catch (SdkException e) {
            throw new ConfigException("Cannot read the API key from " + where + ": " + firstLine(e.getMessage()));
        }
        if (secretString == null) {
            throw new ConfigException("The " + where + " holds binary data: expected a JSON object with the field "
                    + secret.field());
        }
        JsonNode fields;
        try {
            fields = Json.MAPPER.readTree(secretString);
        } catch (IOException e) {
            throw new ConfigException("The " + where + " is not a JSON object: expected one with the field "
                    + secret.field());
        }
        JsonNode key = fields == null ? null : fields.get(secret.field());
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw new ConfigException("The " + where + " has no text field SECRET_KEY=" + secret.field());
        }
        return ApiKey.of(key.asText());
    }

    private static SecretsManagerClient client(KeySource.SecretsManager secret) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(Region.of(secret.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(AWS_TIMEOUT)
                        .socketTimeout(AWS_TIMEOUT));
        secret.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

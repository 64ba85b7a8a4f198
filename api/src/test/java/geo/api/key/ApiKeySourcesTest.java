package geo.api.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import geo.api.testing.ApiFixture;
import geo.api.testing.FakeIpGeolocation;
import geo.common.config.ConfigException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeySourcesTest {

    private static final String SECRET_NAME = "geo/ipgeolocation";
    private static final String FIELD = "IPGEOLOCATION_API_KEY";

    private final ObjectMapper json = new ObjectMapper();
    private FakeIpGeolocation provider;
    private MockWebServer secretsManager;

    @BeforeAll
    static void awsCredentials() {
        // The SDK's default credential chain reads these first; tests never reach a real AWS.
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-access-key");
    }

    @AfterAll
    static void clearAwsCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void start() throws Exception {
        provider = FakeIpGeolocation.start(ApiFixture.KEY);
        secretsManager = new MockWebServer();
        secretsManager.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        secretsManager.close();
        provider.close();
    }

    @Test
    void theKeyIsReadFromAFileSuchAsADockerSecret(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("ipgeolocation_api_key");
        Files.writeString(file, ApiFixture.KEY + "\n");

        try (ApiFixture api = ApiFixture.replica(provider, withoutDirectKey(Map.of("API_KEY_FILE", file.toString())))) {
            assertEquals(200, api.get("/8.8.8.8").statusCode());
        }
    }

    @Test
    void apiKeyComesBeforeApiKeyFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("wrong");
        Files.writeString(file, "not-the-key");

        try (ApiFixture api = ApiFixture.replica(provider, Map.of("API_KEY_FILE", file.toString()))) {
            assertEquals(200, api.get("/8.8.8.8").statusCode());
        }
    }

    @Test
    void aMissingKeyFileStopsStartUpNamingTheFile(@TempDir Path folder) {
        String missing = folder.resolve("absent").toString();

        ConfigException error = assertThrows(ConfigException.class,
                () -> ApiFixture.replica(provider, withoutDirectKey(Map.of("API_KEY_FILE", missing))));

        assertEquals("API_KEY_FILE=" + missing + " cannot be read (NoSuchFileException)", error.getMessage());
    }

    @Test
    void anEmptyKeyFileStopsStartUp(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("empty"), "\n");

        ConfigException error = assertThrows(ConfigException.class,
                () -> ApiFixture.replica(provider, withoutDirectKey(Map.of("API_KEY_FILE", file.toString()))));

        assertTrue(error.getMessage().endsWith("is empty: expected the API key"), error.getMessage());
    }

    @Test
    void theKeyIsReadFromAwsSecretsManagerAsTheHowToKeepsIt() throws Exception {
        secretsManager.enqueue(secretValue("{\"" + FIELD + "\":\"" + ApiFixture.KEY + "\",\"other\":\"x\"}"));

        try (ApiFixture api = ApiFixture.replica(provider, withoutDirectKey(secretsManagerSettings()))) {
            assertEquals(200, api.get("/8.8.8.8").statusCode());
        }

        RecordedRequest request = secretsManager.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("secretsmanager.GetSecretValue", request.getHeaders().get("X-Amz-Target"));
        assertTrue(request.getHeaders().get("Authorization").contains("/eu-west-1/secretsmanager/"),
                request.getHeaders().get("Authorization"));
        JsonNode body = json.readTree(request.getBody().utf8());
        assertEquals(SECRET_NAME, body.get("SecretId").asText());
        assertEquals(1, secretsManager.getRequestCount());
    }

    @Test
    void aSecretThatDoesNotExistStopsStartUpWithAwsReason() {
        secretsManager.enqueue(new MockResponse.Builder().code(400)
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .setHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .body("{\"__type\":\"ResourceNotFoundException\","
                        + "\"Message\":\"Secrets Manager can't find the specified secret.\"}")
                .build());

        ConfigException error = assertThrows(ConfigException.class,
                () -> ApiFixture.replica(provider, withoutDirectKey(secretsManagerSettings())));

        assertTrue(error.getMessage().startsWith("Cannot read the API key from secret 'geo/ipgeolocation' in AWS "
                + "Secrets Manager (eu-west-1): Secrets Manager can't find the specified secret."), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void aSecretWithoutTheFieldStopsStartUpNamingTheField() {
        secretsManager.enqueue(secretValue("{\"another_field\":\"" + ApiFixture.KEY + "\"}"));

        ConfigException error = assertThrows(ConfigException.class,
                () -> ApiFixture.replica(provider, withoutDirectKey(secretsManagerSettings())));

        assertTrue(error.getMessage().endsWith("has no text field SECRET_KEY=" + FIELD), error.getMessage());
        assertFalse(error.getMessage().contains(ApiFixture.KEY));
    }

    @Test
    void aSecretThatIsNotJsonStopsStartUpWithoutQuotingIt() {
        secretsManager.enqueue(secretValue(ApiFixture.KEY));

        ConfigException error = assertThrows(ConfigException.class,
                () -> ApiFixture.replica(provider, withoutDirectKey(secretsManagerSettings())));

        assertTrue(error.getMessage().contains("is not a JSON object"), error.getMessage());
        assertFalse(error.getMessage().contains(ApiFixture.KEY));
    }

    private Map<String, String> secretsManagerSettings() {
        return Map.of(
                "API_KEY_FROM_SECRETSMANAGER", "True",
                "SECRET_NAME", SECRET_NAME,
                "SECRET_KEY", FIELD,
                "REGION_NAME", "eu-west-1",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + secretsManager.getPort());
    }

    /** The fixture's settings give API_KEY, which would win over every other source; blank counts as unset. */
    private static Map<String, String> withoutDirectKey(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("API_KEY", "");
        return all;
    }

    private MockResponse secretValue(String secretString) {
        try {
            String body = json.writeValueAsString(Map.of(
                    "ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + SECRET_NAME + "-AbCdEf",
                    "Name", SECRET_NAME,
                    "SecretString", secretString,
                    "VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
                    "CreatedDate", 1.523477145713E9));
            return new MockResponse.Builder().code(200)
                    .setHeader("Content-Type", "application/x-amz-json-1.1")
                    .body(body)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

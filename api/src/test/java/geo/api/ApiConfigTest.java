package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.key.KeySource;
import geo.api.provider.ApiVersion;
import geo.common.redis.RedisSettings;
import geo.common.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiConfigTest {

    @Test
    void withOnlyAKeyEverythingHasItsDefault() {
        ApiConfig config = ApiConfig.from(Map.of("API_KEY", "k"));

        assertEquals(8080, config.port());
        assertEquals(9090, config.adminPort());
        assertEquals(Optional.empty(), config.redis());
        assertEquals(Duration.ofDays(1), config.cacheTtl());
        assertEquals(10_000, config.nearCacheSize());
        assertEquals(Duration.ofSeconds(30), config.nearCacheTtl());
        assertEquals(URI.create("https://api.ipgeolocation.io"), config.providerUrl());
        assertEquals(ApiVersion.V2, config.apiVersion());
        assertEquals(Duration.ofSeconds(2), config.providerTimeout());
        assertEquals(6, config.trustedProxies().size());
        assertEquals(Duration.ofSeconds(10), config.shutdownGrace());
        assertEquals(ProviderMode.AUTO, config.provider());
        assertEquals(List.of(), config.geoDb());
        assertEquals(Optional.of(Duration.ofDays(1)), config.databaseUpdates().interval());
        assertEquals(List.of(), config.databaseUpdates().sources());
        assertFalse(config.databaseUpdates().enabled());
        assertEquals(1024L * 1024 * 1024, config.databaseUpdates().maxBytes());
        assertEquals(Duration.ofMinutes(5), config.fallbackTtl());
        assertInstanceOf(KeySource.Direct.class, config.keySource().orElseThrow());
    }

    @Test
    void redisHostSelectsTheSharedCache() {
        ApiConfig config = ApiConfig.from(Map.of("API_KEY", "k", "REDIS_HOST", "geo-redis", "REDIS_PORT", "6380"));

        assertEquals(Optional.of(new RedisSettings("geo-redis", 6380, Duration.ofMillis(250))), config.redis());
    }

    @Test
    void theHowTosSecretsManagerVariablesAreRead() {
        ApiConfig config = ApiConfig.from(Map.of(
                "API_KEY_FROM_SECRETSMANAGER", "True",
                "SECRET_NAME", "geo/key",
                "SECRET_KEY", "IPGEO_KEY",
                "REGION_NAME", "eu-central-1"));

        assertEquals(Optional.of(new KeySource.SecretsManager("geo/key", "IPGEO_KEY", "eu-central-1",
                Optional.empty())), config.keySource());
    }

    @Test
    void aKeyFileIsReadLaterAtStartUp() {
        ApiConfig config = ApiConfig.from(Map.of("API_KEY_FILE", "/run/secrets/ipgeolocation_api_key"));

        assertEquals(Optional.of(new KeySource.KeyFile(Path.of("/run/secrets/ipgeolocation_api_key"))),
                config.keySource());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "APP_PORT|abc|APP_PORT=abc is invalid: expected a port number from 1 to 65535",
            "ADMIN_PORT|0|ADMIN_PORT=0 is invalid: expected a port number from 1 to 65535",
            "ADMIN_PORT|8080|ADMIN_PORT=8080 is invalid: expected a port other than APP_PORT's",
            "REDIS_PORT|6379x|REDIS_PORT=6379x is invalid: expected a port number from 1 to 65535",
            "CACHE_TTL|1d|CACHE_TTL=1d is invalid: expected a positive ISO-8601 duration such as PT2S, PT5M or P1D",
            "PROVIDER_TIMEOUT|2000|PROVIDER_TIMEOUT=2000 is invalid: expected a positive ISO-8601 duration such as "
                    + "PT2S, PT5M or P1D",
            "IPGEOLOCATION_URL|api.ipgeolocation.io|IPGEOLOCATION_URL=api.ipgeolocation.io is invalid: expected an "
                    + "http:// or https:// URL with a host",
            "IPGEOLOCATION_API_VERSION|v3|IPGEOLOCATION_API_VERSION=v3 is invalid: expected one of v1 v2",
            "TRUSTED_PROXIES|10.0.0.0/8,lb|TRUSTED_PROXIES=10.0.0.0/8,lb is invalid: expected a comma-separated list "
                    + "of addresses or CIDR blocks such as 10.0.0.0/8,fd00::/8, or none",
            "API_KEY_FROM_SECRETSMANAGER|yes|API_KEY_FROM_SECRETSMANAGER=yes is invalid: expected True or False",
            "NEAR_CACHE_SIZE|-1|NEAR_CACHE_SIZE=-1 is invalid: expected a whole number, 0 or more",
            "PROVIDER|maxmind|PROVIDER=maxmind is invalid: expected one of auto ipgeolocation database",
            "FALLBACK_TTL|5|FALLBACK_TTL=5 is invalid: expected a positive ISO-8601 duration such as PT2S, PT5M or P1D",
    })
    void aBadValueStopsStartUpWithOneLineNamingTheVariable(String name, String value, String message) {
        Map<String, String> variables = new HashMap<>(Map.of("API_KEY", "k"));
        if (name.equals("API_KEY_FROM_SECRETSMANAGER")) {
            variables.remove("API_KEY");
        }
        variables.put(name, value);

        ConfigException error = assertThrows(ConfigException.class, () -> ApiConfig.from(variables));

        assertEquals(message, error.getMessage());
    }

    @Test
    void secretsManagerWithoutSecretNameSaysWhatIsMissing() {
        ConfigException error = assertThrows(ConfigException.class, () -> ApiConfig.from(Map.of(
                "API_KEY_FROM_SECRETSMANAGER", "True", "SECRET_KEY", "k", "REGION_NAME", "us-east-1")));

        assertEquals("SECRET_NAME is required: with API_KEY_FROM_SECRETSMANAGER=True it names the secret that holds "
                + "the key", error.getMessage());
    }

    @Test
    void withNoSettingsAtAllGeoApiAnswersFromTheOfflineDatabase() {
        ApiConfig config = ApiConfig.from(Map.of());

        assertEquals(ProviderMode.AUTO, config.provider());
        assertEquals(Optional.empty(), config.keySource());
    }

    @Test
    void ipgeolocationWithoutAKeySaysWhereToPutOne() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> ApiConfig.from(Map.of("PROVIDER", "ipgeolocation")));

        assertTrue(error.getMessage().startsWith("PROVIDER=ipgeolocation needs an ipgeolocation.io API key: set "
                + "API_KEY, API_KEY_FILE"), error.getMessage());
    }

    @Test
    void trustedProxiesCanBeNone() {
        assertEquals(0, ApiConfig.from(Map.of("API_KEY", "k", "TRUSTED_PROXIES", "none")).trustedProxies().size());
    }

    @Test
    void geoDbListsFilesAndFoldersSeparatedByCommas() {
        ApiConfig config = ApiConfig.from(Map.of("GEO_DB", "data/, /srv/GeoLite2-City.mmdb ,,data/asn-ipv4.csv"));

        assertEquals(List.of(Path.of("data/"), Path.of("/srv/GeoLite2-City.mmdb"), Path.of("data/asn-ipv4.csv")),
                config.geoDb());
    }

    @Test
    void updateUrlsKeepTheirPlacesAndTheirMonth() {
        ApiConfig config = ApiConfig.from(Map.of("GEO_DB_UPDATE_URL",
                ",https://download.db-ip.com/free/dbip-city-lite-{YYYY-MM}.mmdb.gz", "GEO_DB_WORK", "/var/lib/geo"));

        assertEquals(List.of(Optional.empty(), Optional.of(new geo.api.database.DatabaseUpdates.Source(
                "https://download.db-ip.com/free/dbip-city-lite-{YYYY-MM}.mmdb.gz"))),
                config.databaseUpdates().sources());
        assertEquals(URI.create("https://download.db-ip.com/free/dbip-city-lite-2026-12.mmdb.gz"),
                config.databaseUpdates().sources().get(1).orElseThrow().uri(java.time.YearMonth.of(2026, 12)));
        assertTrue(config.databaseUpdates().enabled());
        assertEquals(Path.of("/var/lib/geo"), config.databaseUpdates().work());
    }

    @Test
    void updatesCanBeTurnedOff() {
        ApiConfig config = ApiConfig.from(Map.of("GEO_DB_UPDATE_URL", "https://example.org/city.mmdb",
                "GEO_DB_UPDATE_INTERVAL", "off"));

        assertFalse(config.databaseUpdates().enabled());
    }

    @Test
    void aBadUpdateUrlIsNamedByItsPlaceNotEchoedSinceItMayHoldALicenceKey() {
        ConfigException error = assertThrows(ConfigException.class, () -> ApiConfig.from(Map.of("GEO_DB_UPDATE_URL",
                "https://example.org/a.mmdb,ftp://example.org/geoip?license_key=s3cret")));

        assertTrue(error.getMessage().startsWith("GEO_DB_UPDATE_URL is invalid: its URL number 2 is not"),
                error.getMessage());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
    }

    @Test
    void aPasswordForTheDownloadNeedsHttpsAndAUser() {
        assertThrows(ConfigException.class, () -> ApiConfig.from(Map.of("GEO_DB_UPDATE_URL",
                "http://example.org/city.tar.gz", "GEO_DB_UPDATE_USER", "12345", "GEO_DB_UPDATE_PASSWORD_FILE",
                "/run/secrets/maxmind")));
        assertThrows(ConfigException.class, () -> ApiConfig.from(Map.of("GEO_DB_UPDATE_URL",
                "https://example.org/city.tar.gz", "GEO_DB_UPDATE_PASSWORD_FILE", "/run/secrets/maxmind")));
        ApiConfig.from(Map.of("GEO_DB_UPDATE_URL", "https://example.org/city.tar.gz", "GEO_DB_UPDATE_USER", "12345",
                "GEO_DB_UPDATE_PASSWORD_FILE", "/run/secrets/maxmind"));
    }
}

package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.common.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontendConfigTest {

    @Test
    void theApiIsAddressedByHostAndPortWithTheHowTosDefaults() {
        FrontendConfig config = FrontendConfig.from(Map.of("API_SERVER", "geo-api"));

        assertEquals(8080, config.port());
        assertEquals(9090, config.adminPort());
        assertEquals(URI.create("http://geo-api:8080/"), config.api());
        assertEquals(Duration.ofSeconds(5), config.apiTimeout());
    }

    @Test
    void withoutApiServerTheFrontendSaysWhatItNeeds() {
        ConfigException error = assertThrows(ConfigException.class, () -> FrontendConfig.from(Map.of()));

        assertEquals("API_SERVER is required: the host name of geo-api, e.g. geo-api or localhost", error.getMessage());
    }

    @Test
    void aBadApiServerPortNamesTheVariable() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> FrontendConfig.from(Map.of("API_SERVER", "geo-api", "API_SERVER_PORT", "http")));

        assertEquals("API_SERVER_PORT=http is invalid: expected a port number from 1 to 65535", error.getMessage());
    }

    @Test
    void theAdminPortMustDifferFromTheAppPort() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> FrontendConfig.from(Map.of("API_SERVER", "geo-api", "APP_PORT", "9090")));

        assertEquals("ADMIN_PORT=9090 is invalid: expected a port other than APP_PORT's", error.getMessage());
    }

    @Test
    void anApiServerWithASchemeIsRefused() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> FrontendConfig.from(Map.of("API_SERVER", "http://geo-api")));

        assertEquals("API_SERVER=http://geo-api is invalid: expected a host name or address, without scheme or port",
                error.getMessage());
    }
}

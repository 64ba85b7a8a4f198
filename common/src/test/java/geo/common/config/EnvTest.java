package geo.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvTest {

    enum Flavour { PLAIN, FANCY }

    @Test
    void unsetAndBlankVariablesTakeTheDefault() {
        Env env = Env.of(Map.of("APP_PORT", "  "));

        assertEquals(8080, env.port("APP_PORT", 8080));
        assertEquals(6379, env.port("REDIS_PORT", 6379));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "65536", "-1", "80.5", "8080x"})
    void aPortThatIsNotAPortNumberNamesTheVariableAndTheExpectedForm(String value) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("APP_PORT", value)).port("APP_PORT", 8080));

        assertEquals("APP_PORT=" + value + " is invalid: expected a port number from 1 to 65535", error.getMessage());
    }

    @Test
    void durationsAreIsoEightSixZeroOne() {
        Env env = Env.of(Map.of("CACHE_TTL", "PT5M"));

        assertEquals(Duration.ofMinutes(5), env.duration("CACHE_TTL", Duration.ofDays(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5m", "300", "PT0S", "-PT1S"})
    void aDurationThatIsNotPositiveIsoIsRejected(String value) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("CACHE_TTL", value)).duration("CACHE_TTL", Duration.ofDays(1)));

        assertTrue(error.getMessage().startsWith("CACHE_TTL=" + value + " is invalid: expected a positive ISO-8601"),
                error.getMessage());
    }

    @Test
    void booleansAcceptTheHowTosCapitalisedTrue() {
        assertTrue(Env.of(Map.of("FLAG", "True")).bool("FLAG", false));
        assertFalse(Env.of(Map.of("FLAG", "FALSE")).bool("FLAG", true));
    }

    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsRejected() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("FLAG", "yes")).bool("FLAG", false));

        assertEquals("FLAG=yes is invalid: expected True or False", error.getMessage());
    }

    @Test
    void aRequiredVariableThatIsMissingSaysWhatItIsFor() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Env.of(Map.of()).required("API_SERVER", "the host name of geo-api"));

        assertEquals("API_SERVER is required: the host name of geo-api", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.test", "api.example.test", "http://", "http://exa mple"})
    void aUrlMustBeHttpWithAHost(String value) {
        assertThrows(ConfigException.class,
                () -> Env.of(Map.of("URL", value)).httpUri("URL", URI.create("https://default.test")));
    }

    @Test
    void choicesIgnoreCaseAndListTheAlternativesWhenWrong() {
        assertEquals(Flavour.FANCY, Env.of(Map.of("FLAVOUR", "fancy")).choice("FLAVOUR", Flavour.class, Flavour.PLAIN));

        ConfigException error = assertThrows(ConfigException.class,
                () -> Env.of(Map.of("FLAVOUR", "odd")).choice("FLAVOUR", Flavour.class, Flavour.PLAIN));
        assertEquals("FLAVOUR=odd is invalid: expected one of PLAIN FANCY", error.getMessage());
    }
}

package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.common.json.Json;
import geo.common.testing.TestHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void aBadPortStopsTheServiceWithOneLineAndExitCodeOne() throws Exception {
        Result result = run(Map.of("APP_PORT", "abc", "API_KEY", "k"));

        assertEquals(1, result.exitCode());
        assertEquals(List.of("geo-api: APP_PORT=abc is invalid: expected a port number from 1 to 65535"),
                result.stderr().lines().toList());
    }

    @Test
    void secretsManagerWithoutASecretNameStopsTheServiceWithOneLine() throws Exception {
        Result result = run(Map.of("API_KEY_FROM_SECRETSMANAGER", "True", "SECRET_KEY", "k", "REGION_NAME", "x"));

        assertEquals(1, result.exitCode());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertTrue(result.stderr().startsWith("geo-api: SECRET_NAME is required"), result.stderr());
    }

    @Test
    void aMissingDatabaseStopsTheServiceWithOneLineSayingHowToGetIt() throws Exception {
        Result result = run(Map.of("PROVIDER", "database", "GEO_DB", "/nonexistent/geo-data"));

        assertEquals(1, result.exitCode());
        assertEquals(List.of("geo-api: GEO_DB=/nonexistent/geo-data does not exist: run scripts/fetch-geodb.sh, or "
                + "point GEO_DB at the database"), result.stderr().lines().toList());
    }

    @Test
    void withNoConfigurationAtAllItAnswersFromTheDatabaseOfTheCheckout(@TempDir Path elsewhere) throws Exception {
        int port = TestHttp.closedPort();
        int adminPort = TestHttp.closedPort();
        // Only the ports, so that the test cannot collide with a service on 8080 or 9090.
        Process configured = withOnlyPorts(port, adminPort, elsewhere);
        BufferedReader output = lines(configured);
        try {
            awaitLine(output, "event=started");
            HttpResponse<String> response = TestHttp.send(port, "GET", "/8.8.8.8");

            assertEquals(200, response.statusCode());
            assertEquals("dbip-lite", response.headers().firstValue("X-Source").orElseThrow());
            assertTrue(TestHttp.send(adminPort, "GET", "/metrics").body().contains("http_requests_total"));
        } finally {
            // SIGTERM, through the handle, which unlike Process.destroy leaves the output readable.
            configured.toHandle().destroy();
            assertTrue(configured.waitFor(15, TimeUnit.SECONDS), "geo-api did not stop on SIGTERM");
        }
        String rest = output.lines().reduce("", (all, line) -> all + line + "\n");
        assertEquals(0, configured.exitValue(), "exit status after SIGTERM");
        assertTrue(rest.contains("event=access method=GET path=/8.8.8.8 status=200"), rest);
        assertTrue(rest.contains("event=stopped service=geo-api"), rest);
        assertFalse(rest.contains("SLF4J"), "one logging backend, no SLF4J warning: " + rest);
    }

    @Test
    void withOnlyTheModulesOfItsImageItAnswersWithTheCountrysOwnCurrencySymbol(@TempDir Path elsewhere)
            throws Exception {
        int port = TestHttp.closedPort();
        Process limited = withOnlyPorts(port, TestHttp.closedPort(), elsewhere,
                "--limit-modules", modulesOfTheImage());
        try {
            awaitLine(lines(limited), "event=started");
            JsonNode australia = Json.MAPPER.readTree(TestHttp.send(port, "GET", "/1.1.1.1").body());

            // "A$" is what the JDK writes without the locale data for en-AU (jdk.localedata, not in the image).
            assertEquals("$", australia.path("currency").path("symbol").asText());
            assertEquals("Australian Dollar", australia.path("currency").path("name").asText());
        } finally {
            limited.toHandle().destroy();
            assertTrue(limited.waitFor(15, TimeUnit.SECONDS), "geo-api did not stop on SIGTERM");
        }
    }

    /** The modules Dockerfile.api's jlink puts in geo-api's runtime. */
    private static String modulesOfTheImage() throws IOException {
        Path dockerfile = Path.of("../Dockerfile.api");
        Matcher modules = Pattern.compile("jlink --add-modules (\\S+)").matcher(Files.readString(dockerfile));
        assertTrue(modules.find(), "no jlink --add-modules in " + dockerfile.toAbsolutePath());
        return modules.group(1);
    }

    private static Process withOnlyPorts(int port, int adminPort, Path workingDirectory, String... javaOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(javaOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("APP_PORT", Integer.toString(port));
        builder.environment().put("ADMIN_PORT", Integer.toString(adminPort));
        return builder.start();
    }

    private static BufferedReader lines(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void awaitLine(BufferedReader lines, String fragment) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            assertFalse(line.contains("SLF4J"), "one logging backend, no SLF4J warning: " + line);
            if (line.contains(fragment)) {
                return;
            }
        }
        throw new AssertionError("geo-api stopped before logging " + fragment);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "geo-api did not stop");
        return new Result(process.exitValue(), stderr);
    }
}

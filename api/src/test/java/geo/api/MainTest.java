package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(Map<String, String> environment) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "geo-api did not stop");
        return new Result(process.exitValue(), stderr);
    }
}

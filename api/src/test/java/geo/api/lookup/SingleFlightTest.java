package geo.api.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.api.testing.ApiFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void fiftyConcurrentMissesForOneAddressMakeOneProviderCall() throws Exception {
        try (ApiFixture api = ApiFixture.start();
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            api.provider().delay(Duration.ofMillis(500));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                responses.add(clients.submit(() -> {
                    go.await();
                    return api.get("/9.9.9.9");
                }));
            }

            go.countDown();

            for (Future<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get().statusCode());
                assertEquals("9.9.9.9", ApiFixture.json(response.get()).get("ip").asText());
            }
            assertEquals(1, api.provider().calls());
        }
    }

    @Test
    void differentAddressesAreLookedUpInParallel() throws Exception {
        try (ApiFixture api = ApiFixture.start();
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (String ip : List.of("8.8.8.8", "8.8.4.4", "1.1.1.1", "9.9.9.9")) {
                responses.add(clients.submit(() -> api.get("/" + ip)));
            }

            for (Future<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get().statusCode());
            }
            assertEquals(4, api.provider().calls());
        }
    }
}

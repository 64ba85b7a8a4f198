package geo.api.database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** A stand-in for DB-IP's or MaxMind's download server: answers as the test says, and records what was asked. */
final class DownloadServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, MockResponse> behaviour = request -> new MockResponse.Builder()
            .code(404).build();

    private DownloadServer() {
    }

    static DownloadServer start() {
        DownloadServer stand = new DownloadServer();
        stand.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                stand.requests.add(request);
                return stand.behaviour.apply(request);
            }
        });
        try {
            stand.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stand;
    }

    /** A URL on this server, as GEO_DB_UPDATE_URL names it. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    /** The same, by the other name of this machine: another host to the client. */
    URI otherHostUrl(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    void answer(Function<RecordedRequest, MockResponse> behaviour) {
        this.behaviour = behaviour;
    }

    /** Every answer from now on is these bytes, with this ETag. */
    void serve(byte[] body, String etag) {
        MockResponse response = ok(body).newBuilder().setHeader("ETag", etag).build();
        answer(request -> response);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    static MockResponse ok(byte[] body) {
        return new MockResponse.Builder().code(200).body(new Buffer().write(body)).build();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zipped = new GZIPOutputStream(out)) {
            zipped.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}

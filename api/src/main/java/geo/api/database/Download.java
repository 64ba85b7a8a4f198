package geo.api.database;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One conditional download of a database file to a local file, bounded in size and in time, following redirects
 * itself so that credentials go only to the host they were meant for.
 */
final class Download {

    private static final int MAX_REDIRECTS = 5;

    /** What the server said. */
    sealed interface Result {
    }

    /** 304: the copy in use is current. */
    record NotModified() implements Result {
    }

    /** A new body, in {@code file}, with what to ask next time. */
    record Fetched(Path file, Validators validators) implements Result {
    }

    /** No usable body, and why, in words for a log line. */
    record Failed(String reason) implements Result {
    }

    /** What a server said of the version it sent, to ask it "only if changed" next time. */
    record Validators(Optional<String> etag, Optional<String> lastModified) {
        static final Validators NONE = new Validators(Optional.empty(), Optional.empty());
    }

    private final HttpClient http;
    private final Optional<String> authorization;
    private final long maxBytes;
    private final Duration timeout;

    /** @param credentials user and password for HTTP Basic, sent only to the first URL's host */
    Download(HttpClient http, Optional<Credentials> credentials, long maxBytes, Duration timeout) {
        this.http = http;
        this.authorization = credentials.map(given -> "Basic " + Base64.getEncoder().encodeToString(
                (given.user() + ":" + given.password()).getBytes(StandardCharsets.UTF_8)));
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** A login; {@link #toString()} never shows the password. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    Result fetch(URI uri, Validators known, Path into) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI at = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(at).timeout(timeout).GET();
            known.etag().ifPresent(etag -> request.header("If-None-Match", etag));
            known.lastModified().ifPresent(date -> request.header("If-Modified-Since", date));
            if (authorization.isPresent() && at.getHost().equalsIgnoreCase(uri.getHost())) {
                request.header("Authorization", authorization.get());
            }
            CompletableFuture<HttpResponse<Path>> sent = http.sendAsync(request.build(), info ->
                    info.statusCode() == 200 ? new ToFile(into, maxBytes)
                            : HttpResponse.BodySubscribers.replacing(null));
            HttpResponse<Path> response;
            try {
                response = sent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                sent.cancel(true);
                return new Failed("the download took longer than " + timeout);
            } catch (InterruptedException e) {
                sent.cancel(true);
                Thread.currentThread().interrupt();
                return new Failed("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return new Failed(cause instanceof TooLarge ? cause.getMessage()
                        : "the download failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
            }
            int status = response.statusCode();
            if (status == 200) {
                return new Fetched(response.body(), new Validators(response.headers().firstValue("ETag"),
                        response.headers().firstValue("Last-Modified")));
            }
            if (status == 304) {
                return new NotModified();
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (List.of(301, 302, 303, 307, 308).contains(status) && location.isPresent()) {
                at = at.resolve(location.get());
                continue;
            }
            return new Failed("the server answered " + status);
        }
        return new Failed("more than " + MAX_REDIRECTS + " redirects");
    }

    /** A body over the size limit. */
    private static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("the download is larger than " + maxBytes + " bytes");
        }
    }

    /** Writes the body to a file as it comes, and gives up past the size limit. */
    private static final class ToFile implements HttpResponse.BodySubscriber<Path> {
        private final Path file;
        private final long maxBytes;
        private final CompletableFuture<Path> done = new CompletableFuture<>();
        private FileChannel channel;
        private Flow.Subscription subscription;
        private long written;

        ToFile(Path file, long maxBytes) {
            this.file = file;
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<Path> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                fail(e);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    written += buffer.remaining();
                    if (written > maxBytes) {
                        subscription.cancel();
                        fail(new TooLarge(maxBytes));
                        return;
                    }
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                subscription.request(1);
            } catch (IOException e) {
                subscription.cancel();
                fail(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            fail(error);
        }

        @Override
        public void onComplete() {
            try {
                channel.close();
                done.complete(file);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }

        private void fail(Throwable error) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // The failure that brought us here is the one to report.
            }
            done.completeExceptionally(error);
        }
    }
}

package geo.common.http;

import java.util.Objects;

/** What a service does on SIGTERM (or Ctrl-C): close itself, letting requests in flight finish, then exit 0. */
public final class ShutdownHook {

    private ShutdownHook() {
    }

    /**
     * Registers {@code close} to run when the JVM is asked to stop. Once it has run, the process exits with status 0
     * rather than the JVM's 143 for SIGTERM: the stop was asked for and went cleanly, which is what orchestrators and
     * process supervisors should see.
     */
    public static void register(Runnable close) {
        Objects.requireNonNull(close, "close");
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            close.run();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }));
    }
}

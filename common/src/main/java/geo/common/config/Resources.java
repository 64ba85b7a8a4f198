package geo.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files that ship inside the jar, next to the class that reads them. */
public final class Resources {

    private Resources() {
    }

    /** The bytes of the resource {@code name} beside {@code owner}; a missing one is a broken build. */
    public static byte[] bytes(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + owner.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

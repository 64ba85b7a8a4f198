package geo.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made for one test run with openssl, and a certificate it signed for some host names: no
 * private key is ever committed.
 *
 * @param folder where the files are, removed by {@link #close()}
 * @param ca     the authority's certificate, to trust
 * @param pem    the signed certificate and its private key in one PEM file, as geo-edge reads it
 */
record TestCertificates(Path folder, Path ca, Path pem) implements AutoCloseable {

    static TestCertificates forNames(String... names) {
        try {
            Path folder = Files.createTempDirectory("geo-tls");
            openssl(folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=geo test CA");
            openssl(folder, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "edge.key", "-out", "edge.csr", "-subj", "/CN=" + names[0]);
            Files.writeString(folder.resolve("names.ext"), "subjectAltName=" + Arrays.stream(names)
                    .map(name -> "DNS:" + name).collect(Collectors.joining(",")) + "\n");
            openssl(folder, "x509", "-req", "-in", "edge.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "edge.crt", "-days", "2", "-extfile", "names.ext");
            Path pem = folder.resolve("edge.pem");
            Files.writeString(pem, Files.readString(folder.resolve("edge.crt"))
                    + Files.readString(folder.resolve("edge.key")));
            return new TestCertificates(folder, folder.resolve("ca.pem"), pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS context that trusts this authority only. */
    SSLContext trustingCa() {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("geo-test-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs openssl in the folder; its output on failure. */
    static String openssl(Path folder, String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0 && !arguments[0].equals("s_client")) {
                throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("openssl is needed to make test certificates", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

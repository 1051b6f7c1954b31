package org.msrprelay.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.msrprelay.tls.internal.TlsTestServer.ClientAuth;

/** OpenSSL as the other party: {@code s_client} against the relay's context, and keys OpenSSL writes. */
@EnabledIf("opensslAvailable")
class OpensslInteropTest {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    @TempDir
    Path etc;

    static boolean opensslAvailable() {
        return openssl().isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void opensslCompletesTheHandshakeAndSeesTheSubjectAltNames(String protocol) throws Exception {
        MaterialManager manager = new MaterialManager(MaterialFactory::load, () -> "relay.example.com");
        manager.configure(TestConfig.defaults().settings(etc));
        Material material = manager.current();
        Path output = etc.resolve("s_client.txt");
        String flag = protocol.equals("TLSv1.3") ? "-tls1_3" : "-tls1_2";

        try (TlsTestServer server = new TlsTestServer(material.serverContext(), material.enabledProtocols(),
                material.enabledCipherSuites(), ClientAuth.NONE)) {
            Process process = new ProcessBuilder(openssl().orElseThrow().toString(), "s_client", flag,
                    "-connect", "127.0.0.1:" + server.port(), "-servername", "localhost")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                assertTrue(process.waitFor(TlsTestServer.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "s_client finished");
            } finally {
                process.destroyForcibly();
            }
            assertEquals(protocol, server.awaitHandshake().getProtocol());
        }

        String text = Files.readString(output, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("New, " + protocol + ", Cipher is "), text);
        X509Certificate served = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(text.substring(text.indexOf(BEGIN), text.indexOf(END) + END.length())
                        .getBytes(StandardCharsets.US_ASCII)));
        assertEquals(material.certificate(), served);
        assertTrue(HostNames.subjectAltNames(served).dnsNames().contains("localhost"));
        assertTrue(HostNames.subjectAltNames(served).dnsNames().contains("relay.example.com"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ec, none", "ec, traditional", "ec, pkcs8-aes", "ec, legacy-aes",
            "rsa, none", "rsa, traditional", "rsa, pkcs8-aes", "rsa, legacy-aes"})
    void loadsKeysWrittenByOpenssl(String algorithm, String conversion) throws Exception {
        String newKey = algorithm.equals("ec") ? "ec" : "rsa:2048";
        List<String> request = new ArrayList<>(List.of("req", "-x509", "-newkey", newKey, "-nodes", "-keyout", "made.key",
                "-out", "relay.crt", "-days", "30", "-subj", "/CN=relay.example.com",
                "-addext", "subjectAltName=DNS:relay.example.com,IP:127.0.0.1"));
        if (algorithm.equals("ec")) {
            request.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        openssl(request);
        List<String> convert = switch (conversion) {
            case "traditional" -> List.of("-traditional");
            case "pkcs8-aes" -> List.of("-aes256", "-passout", "pass:pw");
            case "legacy-aes" -> List.of("-traditional", "-aes256", "-passout", "pass:pw");
            default -> List.of();
        };
        List<String> pkey = new ArrayList<>(List.of("pkey", "-in", "made.key", "-out", "relay.key"));
        pkey.addAll(convert);
        openssl(pkey);

        Material material = MaterialFactory.load(TestConfig.files("relay.crt", "relay.key")
                .withPassword(conversion.endsWith("aes") ? "pw" : "").settings(etc), 1);

        assertEquals(List.of("relay.example.com"), material.dnsNames());
        assertTrue(material.coversHostname("127.0.0.1"));
    }

    private void openssl(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(openssl().orElseThrow().toString());
        command.addAll(arguments);
        Path log = etc.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(etc.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(TlsTestServer.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "openssl finished");
            assertEquals(0, process.exitValue(), () -> command + ": " + readQuietly(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static Optional<Path> openssl() {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "openssl"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}

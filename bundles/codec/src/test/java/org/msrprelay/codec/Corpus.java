package org.msrprelay.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The byte streams under {@code src/test/resources/rfc} and {@code wire} (see the README there). */
public final class Corpus {
    static final List<String> DIRECTORIES = List.of("rfc", "wire");

    private Corpus() {
    }

    /** Every stream as {@code dir/name} without the {@code .msrp} suffix. */
    public static Stream<String> names() {
        return DIRECTORIES.stream().flatMap(Corpus::namesIn).sorted();
    }

    private static Stream<String> namesIn(String dir) {
        try (Stream<Path> files = Files.list(Path.of(Corpus.class.getResource("/" + dir).toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".msrp"))
                    .map(n -> dir + "/" + n.substring(0, n.length() - 5))
                    .collect(Collectors.toList()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
        return read(name + ".msrp");
    }

    static List<String> expected(String name) {
        return new String(read(name + ".expected"), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }

    private static byte[] read(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

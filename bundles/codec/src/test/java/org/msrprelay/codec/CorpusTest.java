package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC example and real capture under {@code src/test/resources} (see the README there),
 * parsed whole, split in two at every byte position, one byte at a time and from offset and
 * direct buffers: always the same events and the same bytes, and the ones listed in the
 * {@code .expected} file.
 */
class CorpusTest {

    static Stream<String> streams() {
        return Corpus.names();
    }

    @Test
    void corpusHoldsTheRfcExamplesAndTheCaptures() {
        List<String> names = Corpus.names().toList();
        assertTrue(names.stream().filter(n -> n.startsWith("rfc/rfc4975")).count() >= 7, names::toString);
        assertTrue(names.stream().filter(n -> n.startsWith("rfc/rfc4976")).count() >= 5, names::toString);
        assertEquals(12, names.stream().filter(n -> n.startsWith("wire/")).count(), names::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reportsTheExpectedEvents(String name) {
        assertEquals(Corpus.expected(name), Feed.whole(Corpus.bytes(name)).events);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reportsTheSameAtEverySplitPosition(String name) {
        byte[] data = Corpus.bytes(name);
        Recorder whole = Feed.whole(data);
        for (int cut = 0; cut <= data.length; cut++) {
            Recorder split = Feed.cuts(data, cut);
            assertEquals(whole.events, split.events, "split at " + cut);
            assertEquals(whole.describeMessages(), split.describeMessages(), "split at " + cut);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reportsTheSameOneByteAtATime(String name) {
        byte[] data = Corpus.bytes(name);
        Recorder whole = Feed.whole(data);
        Recorder bytewise = Feed.byteAtATime(data);
        assertEquals(whole.events, bytewise.events);
        assertEquals(whole.describeMessages(), bytewise.describeMessages());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reportsTheSameFromOffsetAndDirectBuffers(String name) {
        byte[] data = Corpus.bytes(name);
        Recorder whole = Feed.whole(data);
        for (int readSize : new int[] {1, 2, 3, 7, 17, 64, 200}) {
            Recorder r = Feed.offsetAndDirect(data, readSize);
            assertEquals(whole.events, r.events, "reads of " + readSize);
            assertEquals(whole.describeMessages(), r.describeMessages(), "reads of " + readSize);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reportsTheSameForRandomReads(String name) {
        byte[] data = Corpus.bytes(name);
        Recorder whole = Feed.whole(data);
        for (long seed = 1; seed <= 50; seed++) {
            Recorder r = Feed.randomReads(data, seed, 40);
            assertEquals(whole.events, r.events, "seed " + seed);
            assertEquals(whole.describeMessages(), r.describeMessages(), "seed " + seed);
        }
    }

    /** Every corpus stream is canonical (RFC folding already undone), so encoding gives back the exact bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reEncodesToTheSameBytes(String name) {
        byte[] data = Corpus.bytes(name);
        Recorder r = Feed.whole(data);
        if (!r.errors.isEmpty()) {
            assertTrue(r.messages.isEmpty(), "a stream with errors is only used for error reporting");
            return;
        }
        byte[] encoded = encode(r.messages);
        assertEquals(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertArrayEquals(data, encoded);
    }

    @Test
    void streamOfAllCorpusMessagesBackToBackParsesAsTheSum() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int expectedEvents = 0;
        for (String name : Corpus.names().toList()) {
            byte[] b = Corpus.bytes(name);
            if (!Feed.whole(b).errors.isEmpty()) {
                continue;
            }
            all.writeBytes(b);
            expectedEvents += Corpus.expected(name).size();
        }
        Recorder r = Feed.randomReads(all.toByteArray(), 42, 300);
        assertEquals(expectedEvents, r.events.size());
        assertFalse(r.events.stream().anyMatch(e -> e.startsWith("error") || e.startsWith("violation")), r.events::toString);
    }

    static byte[] encode(List<Recorder.Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Recorder.Message m : messages) {
            out.writeBytes(MsrpEncoder.head(m.head()));
            if (m.body() != null) {
                out.writeBytes(m.body());
            }
            out.writeBytes(MsrpEncoder.endLine(m.head().transactionId(), m.flag(), m.head().hasBody()));
        }
        return out.toByteArray();
    }
}

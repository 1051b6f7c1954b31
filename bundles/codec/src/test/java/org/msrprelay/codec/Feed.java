package org.msrprelay.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Ways of feeding a byte stream to a fresh {@link MsrpParser}, each returning what it reported. */
final class Feed {
    private Feed() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Recorder whole(byte[] data) {
        return whole(data, ParserLimits.DEFAULTS);
    }

    static Recorder whole(byte[] data, ParserLimits limits) {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(limits, r);
        feed(p, data, 0, data.length);
        return r;
    }

    static Recorder whole(String s) {
        return whole(bytes(s));
    }

    static Recorder whole(String s, ParserLimits limits) {
        return whole(bytes(s), limits);
    }

    /** Reads ending at each of {@code cuts} (ascending, within the data), then the rest. */
    static Recorder cuts(byte[] data, ParserLimits limits, int... cuts) {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(limits, r);
        int from = 0;
        for (int c : cuts) {
            feed(p, data, from, c - from);
            from = c;
        }
        feed(p, data, from, data.length - from);
        return r;
    }

    static Recorder cuts(byte[] data, int... cuts) {
        return cuts(data, ParserLimits.DEFAULTS, cuts);
    }

    static Recorder byteAtATime(byte[] data) {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, r);
        for (int i = 0; i < data.length; i++) {
            feed(p, data, i, 1);
        }
        return r;
    }

    /** Reads of random sizes between 1 and {@code max}. */
    static Recorder randomReads(byte[] data, long seed, int max) {
        Random rnd = new Random(seed);
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, r);
        int from = 0;
        while (from < data.length) {
            int n = Math.min(data.length - from, 1 + rnd.nextInt(max));
            feed(p, data, from, n);
            from += n;
        }
        return r;
    }

    /**
     * Each read in its own array at a non-zero array offset (a slice), and every other read as a
     * direct buffer, so that offset arithmetic and the non-array path are both exercised.
     */
    static Recorder offsetAndDirect(byte[] data, int readSize) {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, r);
        int k = 0;
        for (int from = 0; from < data.length; from += readSize, k++) {
            int n = Math.min(readSize, data.length - from);
            ByteBuffer b;
            if (k % 2 == 0) {
                byte[] padded = new byte[n + 13];
                Arrays.fill(padded, (byte) '\n');
                System.arraycopy(data, from, padded, 7, n);
                b = ByteBuffer.wrap(padded, 7, n).slice();
            } else {
                b = ByteBuffer.allocateDirect(n);
                b.put(data, from, n).flip();
            }
            p.parse(b);
            if (b.hasRemaining()) {
                r.events.add("violation: parse left bytes");
            }
        }
        return r;
    }

    private static void feed(MsrpParser p, byte[] data, int from, int n) {
        ByteBuffer b = ByteBuffer.wrap(data, from, n);
        p.parse(b);
        if (b.hasRemaining()) {
            throw new AssertionError("parse() left " + b.remaining() + " bytes");
        }
    }
}

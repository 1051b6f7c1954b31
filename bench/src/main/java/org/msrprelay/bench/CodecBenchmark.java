package org.msrprelay.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.msrprelay.codec.MsrpEncoder;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpParseException;
import org.msrprelay.codec.MsrpParser;
import org.msrprelay.codec.ParserLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The codec's hot paths, one thread. Every score is per second:
 * <ul>
 * <li>{@code decodeSmallFrames}: ops = frames; {@value #FRAMES} typical SENDs (about 300 bytes, three
 * headers besides the paths, a 20-byte body) back to back in one buffer, parsed in 16 KiB reads.</li>
 * <li>{@code scanLargeBody}: ops = body bytes; one SEND with a 16 MiB random body in 64 KiB reads.</li>
 * <li>{@code encodeHead}: ops = heads encoded.</li>
 * </ul>
 * Run: {@code java -jar bench/target/msrprelay-bench.jar CodecBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    static final int FRAMES = 1000;
    static final int BODY = 16 * 1024 * 1024;
    static final int SMALL_READ = 16 * 1024;
    static final int LARGE_READ = 64 * 1024;

    private byte[] smallFrames;
    private byte[] largeMessage;
    private MsrpHead head;
    private MsrpParser smallParser;
    private MsrpParser largeParser;
    private Sink sink;

    /** Consumes what the parser reports, so that nothing is optimised away; counts to check the run. */
    static final class Sink implements MsrpParser.Handler {
        Blackhole bh;
        long heads;
        long bodyBytes;
        long ends;
        MsrpHead last;

        @Override
        public void onHead(MsrpHead h) {
            heads++;
            last = h;
            bh.consume(h);
        }

        @Override
        public void onBody(ByteBuffer slice) {
            bodyBytes += slice.remaining();
            bh.consume(slice);
        }

        @Override
        public void onEnd(char flag) {
            ends++;
        }

        @Override
        public void onError(MsrpParseException error) {
            throw new IllegalStateException("benchmark input broke the parser: " + error.getMessage());
        }
    }

    static String smallSend(int i) {
        String tid = String.format("t%07dxq2ke9", i);
        return "MSRP " + tid + " SEND\r\n"
                + "To-Path: msrp://relay.example.com:2855/Xk29dj3mQ0a;tcp msrp://bob.example.com:2855/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alice.example.com:2855/iau39soe2843z;tcp\r\n"
                + "Message-ID: 54hbtyv0mqgq\r\n"
                + "Byte-Range: 1-20/20\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "Hello Bob, it's me!!"
                + "\r\n-------" + tid + "$\r\n";
    }

    @Setup
    public void setUp(Blackhole bh) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            out.writeBytes(smallSend(i).getBytes(StandardCharsets.US_ASCII));
        }
        smallFrames = out.toByteArray();

        byte[] body = new byte[BODY];
        new Random(4975).nextBytes(body);
        out.reset();
        String tid = "kq3j7d01x";
        out.writeBytes(("MSRP " + tid + " SEND\r\n"
                + "To-Path: msrp://bob.example.com:2855/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alice.example.com:2855/iau39soe2843z;tcp\r\n"
                + "Message-ID: 87652491\r\nByte-Range: 1-" + BODY + "/" + BODY + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        out.writeBytes(("\r\n-------" + tid + "$\r\n").getBytes(StandardCharsets.US_ASCII));
        largeMessage = out.toByteArray();

        sink = new Sink();
        sink.bh = bh;
        smallParser = new MsrpParser(ParserLimits.DEFAULTS, sink);
        largeParser = new MsrpParser(ParserLimits.DEFAULTS, sink);
        smallParser.parse(ByteBuffer.wrap(smallFrames));
        largeParser.parse(ByteBuffer.wrap(largeMessage));
        if (sink.heads != FRAMES + 1 || sink.ends != FRAMES + 1 || sink.bodyBytes != 20L * FRAMES + BODY) {
            throw new IllegalStateException("heads " + sink.heads + " ends " + sink.ends + " body " + sink.bodyBytes);
        }
        head = sink.last;
        System.out.println("small frame: " + smallFrames.length / FRAMES + " bytes");
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeSmallFrames() {
        feed(smallParser, smallFrames, SMALL_READ);
    }

    @Benchmark
    @OperationsPerInvocation(BODY)
    public void scanLargeBody() {
        feed(largeParser, largeMessage, LARGE_READ);
    }

    @Benchmark
    public byte[] encodeHead() {
        return MsrpEncoder.head(head);
    }

    private static void feed(MsrpParser parser, byte[] data, int read) {
        for (int from = 0; from < data.length; from += read) {
            parser.parse(ByteBuffer.wrap(data, from, Math.min(read, data.length - from)));
        }
    }
}

package org.msrprelay.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpParseException;
import org.msrprelay.codec.MsrpParser;
import org.msrprelay.codec.ParserLimits;

/**
 * One non-blocking client connection, optionally TLS (any certificate trusted: a benchmark, not a
 * client). Incoming bytes go through the MSRP codec's push parser (or straight to the listener for a
 * raw connection); outgoing buffers queue until the loop flushes them. Used on its loop's thread only.
 */
final class MsrpConn implements MsrpParser.Handler {
    /** What a scenario hears from a connection; all calls on the loop thread. */
    interface Listener {
        default void onOpen(MsrpConn c) {
        }

        default void onHead(MsrpConn c, MsrpHead h) {
        }

        /** Body bytes of the current message, or every read of a raw connection; valid during the call. */
        default void onBody(MsrpConn c, ByteBuffer data) {
        }

        default void onEnd(MsrpConn c, char flag) {
        }

        default void onError(MsrpConn c, MsrpParseException e) {
            c.close("unparsable input: " + e.getMessage());
        }

        /** The write queue is empty again. */
        default void onDrained(MsrpConn c) {
        }

        default void onClosed(MsrpConn c, String why) {
        }
    }

    static final int READ_BUFFER = 64 * 1024;
    private static final ParserLimits LIMITS = new ParserLimits(1024, 65536, 262144, 64, 32, 1 << 20);
    private static final int MAX_GATHER = 64;

    private final EventLoop loop;
    private final boolean tls;
    private final boolean raw;
    private Listener listener;
    private SocketChannel ch;
    private SelectionKey key;
    private SSLEngine ssl;
    /** The loop's read buffer: each read is parsed (or handed over) before the next connection's read. */
    private final ByteBuffer in;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private final MsrpParser parser;
    private long queued;
    private boolean dirty;
    private boolean open;
    private boolean closed;

    MsrpConn(EventLoop loop, boolean tls, boolean raw, Listener listener) {
        this.loop = loop;
        this.tls = tls;
        this.raw = raw;
        this.listener = listener;
        this.parser = raw ? null : new MsrpParser(LIMITS, this);
        this.in = loop.readBuffer();
    }

    static MsrpConn accepted(EventLoop loop, SocketChannel ch) throws IOException {
        MsrpConn c = new MsrpConn(loop, false, true, new Listener() {
        });
        c.ch = ch;
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return c;
    }

    void listener(Listener l) {
        listener = l;
    }

    EventLoop loop() {
        return loop;
    }

    boolean isOpen() {
        return open && !closed;
    }

    /** Bytes queued and not yet handed to the socket. */
    long queued() {
        return queued;
    }

    // ---- life cycle ----------------------------------------------------------------------------

    void connect(InetSocketAddress addr) {
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (ch.connect(addr)) {
                key = loop.register(ch, SelectionKey.OP_READ, this);
                connected(addr);
            } else {
                key = loop.register(ch, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            close("connect: " + e);
        }
    }

    /** Starts reading an accepted connection. */
    void start() throws IOException {
        key = loop.register(ch, SelectionKey.OP_READ, this);
        opened();
    }

    private void connected(InetSocketAddress addr) throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        if (!tls) {
            opened();
            return;
        }
        ssl = TrustAll.context().createSSLEngine(addr.getHostString(), addr.getPort());
        ssl.setUseClientMode(true);
        netIn = ByteBuffer.allocate(ssl.getSession().getPacketBufferSize());
        netOut = ByteBuffer.allocate(ssl.getSession().getPacketBufferSize());
        netOut.flip();
        ssl.beginHandshake();
        tlsPump();
    }

    private void opened() {
        open = true;
        listener.onOpen(this);
    }

    void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        open = false;
        if (key != null) {
            key.cancel();
        }
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // nothing left to do with it
        }
        out.clear();
        queued = 0;
        listener.onClosed(this, why);
    }

    /** Called by the loop for a ready key. */
    void ready(SelectionKey k) {
        try {
            if (k.isConnectable()) {
                if (ch.finishConnect()) {
                    connected((InetSocketAddress) ch.getRemoteAddress());
                }
                return;
            }
            if (k.isReadable()) {
                if (tls) {
                    readTls();
                } else {
                    readPlain();
                }
            }
            if (!closed && k.isValid() && k.isWritable()) {
                flush();
            }
        } catch (IOException e) {
            close(e.toString());
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    private void readPlain() throws IOException {
        in.clear();
        for (int i = 0; i < 4 && !closed; i++) {
            int n = ch.read(in);
            if (n < 0) {
                close("closed by peer");
                return;
            }
            if (n == 0) {
                return;
            }
            in.flip();
            deliver(in);
            in.clear();
            if (n < READ_BUFFER) {
                return;
            }
        }
    }

    private void deliver(ByteBuffer data) {
        if (raw) {
            listener.onBody(this, data);
        } else {
            parser.parse(data);
        }
    }

    private void readTls() throws IOException {
        in.clear();
        int n = ch.read(netIn);
        if (n < 0) {
            close("closed by peer");
            return;
        }
        tlsPump();
    }

    /** Moves the TLS engine as far as the data at hand allows: tasks, handshake records, application data. */
    private void tlsPump() throws IOException {
        boolean progress = true;
        while (progress && !closed) {
            progress = false;
            SSLEngineResult.HandshakeStatus hs = ssl.getHandshakeStatus();
            if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = ssl.getDelegatedTask()) != null) {
                    task.run();
                }
                progress = true;
                continue;
            }
            if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrap(new ByteBuffer[0]);
                progress = writeNet();
                continue;
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = ssl.unwrap(netIn, in);
            } finally {
                netIn.compact();
            }
            if (in.position() > 0) {
                in.flip();
                deliver(in);
                in.clear();
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                close("TLS closed by peer");
                return;
            }
            progress = r.getStatus() == SSLEngineResult.Status.OK && (r.bytesConsumed() > 0 || r.bytesProduced() > 0);
        }
        if (!open && !closed && ssl.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            opened();
            if (!out.isEmpty()) {
                flush();
            }
        }
    }

    private void wrap(ByteBuffer[] src) throws SSLException {
        netOut.compact();
        try {
            SSLEngineResult r = ssl.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS engine closed");
            }
        } finally {
            netOut.flip();
        }
    }

    /** Writes pending TLS records; false when the socket is full (OP_WRITE set). */
    private boolean writeNet() throws IOException {
        while (netOut.hasRemaining()) {
            if (ch.write(netOut) == 0) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return false;
            }
        }
        return true;
    }

    // ---- MsrpParser.Handler --------------------------------------------------------------------

    @Override
    public void onHead(MsrpHead head) {
        listener.onHead(this, head);
    }

    @Override
    public void onBody(ByteBuffer slice) {
        listener.onBody(this, slice);
    }

    @Override
    public void onEnd(char flag) {
        listener.onEnd(this, flag);
    }

    @Override
    public void onError(MsrpParseException error) {
        listener.onError(this, error);
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Queues {@code b} (not copied: the caller must not change it); written at the end of the loop's turn. */
    void send(ByteBuffer b) {
        if (closed) {
            return;
        }
        out.add(b);
        queued += b.remaining();
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
    }

    void send(byte[] b) {
        send(ByteBuffer.wrap(b));
    }

    /** Writes as much of the queue as the socket takes; asks the listener for more when it empties. */
    void flush() {
        dirty = false;
        if (closed || (tls && !open)) {
            return;
        }
        try {
            for (int round = 0; round < 16; round++) {
                boolean full = tls ? flushTls() : flushPlain();
                if (full) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                listener.onDrained(this);
                if (out.isEmpty() || closed) {
                    break;
                }
            }
            if (!closed) {
                key.interestOps(out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            close(e.toString());
        }
    }

    /** Returns true when the socket stopped taking bytes before the queue emptied. */
    private boolean flushPlain() throws IOException {
        while (!out.isEmpty()) {
            int n = 0;
            long offered = 0;
            for (ByteBuffer b : out) {
                gather[n++] = b;
                offered += b.remaining();
                if (n == MAX_GATHER) {
                    break;
                }
            }
            long w = ch.write(gather, 0, n);
            Arrays.fill(gather, 0, n, null);
            queued -= w;
            while (!out.isEmpty() && !out.peek().hasRemaining()) {
                out.poll();
            }
            if (w < offered) {
                return true;
            }
        }
        return false;
    }

    private boolean flushTls() throws IOException {
        if (!writeNet()) {
            return true;
        }
        while (!out.isEmpty()) {
            int n = 0;
            for (ByteBuffer b : out) {
                gather[n++] = b;
                if (n == MAX_GATHER) {
                    break;
                }
            }
            long before = 0;
            for (int i = 0; i < n; i++) {
                before += gather[i].remaining();
            }
            wrap(Arrays.copyOf(gather, n));
            long after = 0;
            for (int i = 0; i < n; i++) {
                after += gather[i].remaining();
            }
            Arrays.fill(gather, 0, n, null);
            queued -= before - after;
            while (!out.isEmpty() && !out.peek().hasRemaining()) {
                out.poll();
            }
            if (!writeNet()) {
                return true;
            }
        }
        return false;
    }
}

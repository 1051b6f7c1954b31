package org.msrprelay.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One selector thread. Everything a connection does happens on its loop's thread, so the scenario
 * state of one session pair needs no locks. Writes queued while handling reads are flushed once per
 * turn of the loop (one system call for several frames when several arrived together).
 */
final class EventLoop implements Runnable {
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<MsrpConn> dirty = new ArrayList<>();
    private final java.nio.ByteBuffer readBuffer = java.nio.ByteBuffer.allocate(MsrpConn.READ_BUFFER);
    private volatile boolean stopped;

    EventLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Shared by this loop's connections: a read is consumed before the loop turns to the next connection. */
    java.nio.ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** Runs {@code r} on this loop's thread. */
    void execute(Runnable r) {
        tasks.add(r);
        selector.wakeup();
    }

    /** Opens a connection to {@code addr}; the listener hears {@code onOpen} or {@code onClosed}. */
    MsrpConn connect(InetSocketAddress addr, boolean tls, boolean raw, MsrpConn.Listener listener) {
        MsrpConn c = new MsrpConn(this, tls, raw, listener);
        execute(() -> c.connect(addr));
        return c;
    }

    /** Listens on {@code port} (0: any free port) on 127.0.0.1; accepted connections are raw. */
    int listen(int port, Consumer<MsrpConn> accepted) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        execute(() -> {
            try {
                server.register(selector, SelectionKey.OP_ACCEPT, accepted);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    SelectionKey register(SocketChannel ch, int ops, MsrpConn c) throws IOException {
        return ch.register(selector, ops, c);
    }

    void markDirty(MsrpConn c) {
        dirty.add(c);
    }

    void stop() {
        stopped = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                selector.select(5);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isValid()) {
                        handle(k);
                    }
                }
                Runnable r;
                while ((r = tasks.poll()) != null) {
                    r.run();
                }
                flushDirty();
            }
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("event loop " + thread.getName() + " failed: " + e);
            e.printStackTrace();
            LoadTool.fail("event loop failed: " + e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                try {
                    k.channel().close();
                } catch (IOException ignored) {
                    // closing at exit
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing at exit
            }
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }

    @SuppressWarnings("unchecked")
    private void handle(SelectionKey k) {
        if (k.attachment() instanceof MsrpConn) {
            ((MsrpConn) k.attachment()).ready(k);
            return;
        }
        try {
            SocketChannel ch = ((ServerSocketChannel) k.channel()).accept();
            if (ch != null) {
                MsrpConn c = MsrpConn.accepted(this, ch);
                ((Consumer<MsrpConn>) k.attachment()).accept(c);
                c.start();
            }
        } catch (IOException e) {
            System.err.println("accept failed: " + e);
        }
    }
}

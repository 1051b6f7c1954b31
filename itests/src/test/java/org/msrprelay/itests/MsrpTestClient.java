package org.msrprelay.itests;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately simple MSRP endpoint for tests, independent of the relay's codec: it writes
 * hand-built frames and reads frames by looking for the end-line of the transaction it is in.
 */
public final class MsrpTestClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[262144];
    private int bufLen;
    /** This client's own URI (the From-Path it uses). */
    public final String uri;

    private MsrpTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.uri = "msrp://client-" + tid().substring(0, 6) + ".invalid:" + (1024 + ThreadLocalRandom.current().nextInt(60000))
                + "/" + tid() + ";tcp";
    }

    public static MsrpTestClient connect(String host, int port) throws IOException {
        return new MsrpTestClient(new Socket(host, port));
    }

    /** Wraps a socket already connected (a TLS socket, or one accepted from the relay). */
    public static MsrpTestClient over(Socket socket) throws IOException {
        return new MsrpTestClient(socket);
    }

    /** A TLS connection that trusts any certificate (the relay's is self-signed in tests). */
    public static MsrpTestClient connectTls(String host, int port) throws IOException {
        try {
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
                }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket(host, port);
            s.startHandshake();
            return new MsrpTestClient(s);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public static String tid() {
        String a = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append(a.charAt(ThreadLocalRandom.current().nextInt(a.length())));
        }
        return sb.toString();
    }

    /** One received message. */
    public static final class Frame {
        public final String startLine;
        public final String tid;
        public final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        public byte[] body = new byte[0];
        public char flag;

        Frame(String startLine) {
            this.startLine = startLine;
            this.tid = startLine.split(" ")[1];
        }

        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }

        public boolean isResponse() {
            return startLine.split(" ")[2].matches("\\d{3}");
        }

        public int status() {
            return isResponse() ? Integer.parseInt(startLine.split(" ")[2]) : 0;
        }

        public String method() {
            return isResponse() ? null : startLine.split(" ")[2];
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return startLine + " " + headers + (body.length > 0 ? " body=" + body.length + "B" : "") + " " + flag;
        }
    }

    public void sendRaw(String s) throws IOException {
        sendRaw(s.getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Builds a request: start line, To-Path, From-Path, extra header lines, optional body, end-line. */
    public static byte[] request(String tid, String method, String toPath, String fromPath, List<String> headers, byte[] body, char flag) {
        StringBuilder sb = new StringBuilder("MSRP " + tid + " " + method + "\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + fromPath + "\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(body);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(("-------" + tid + flag + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** Reads the next frame, or fails after the socket timeout. */
    public Frame read() throws IOException {
        String start = readLine();
        while (start.isEmpty()) {
            start = readLine();
        }
        if (!start.startsWith("MSRP ")) {
            throw new IOException("not an MSRP start line: " + start);
        }
        Frame f = new Frame(start);
        String end = "-------" + f.tid;
        while (true) {
            String line = readLine();
            if (line.startsWith(end) && line.length() == end.length() + 1) {
                f.flag = line.charAt(end.length());
                return f;
            }
            if (line.isEmpty()) {
                readBody(f, end);
                return f;
            }
            int colon = line.indexOf(':');
            f.headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
    }

    /** Reads the next frame, passing its body to {@code sink} instead of keeping it; {@code body} stays empty. */
    public Frame read(java.util.function.Consumer<byte[]> sink) throws IOException {
        this.sink = sink;
        try {
            return read();
        } finally {
            this.sink = null;
        }
    }

    private java.util.function.Consumer<byte[]> sink;

    private void readBody(Frame f, String end) throws IOException {
        byte[] marker = ("\r\n" + end).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int idx = indexOf(buf, bufLen, marker);
            if (idx >= 0 && bufLen >= idx + marker.length + 3) {
                emit(body, idx);
                f.flag = (char) buf[idx + marker.length];
                consume(idx + marker.length + 3);
                f.body = body.toByteArray();
                return;
            }
            int safe = Math.max(0, bufLen - marker.length - 3);
            if (idx < 0 && safe > 0) {
                emit(body, safe);
                consume(safe);
            }
            fill();
        }
    }

    private void emit(ByteArrayOutputStream body, int n) {
        if (sink != null) {
            sink.accept(java.util.Arrays.copyOf(buf, n));
        } else {
            body.write(buf, 0, n);
        }
    }

    /** Reads frames until one matches, failing after {@code max} frames. */
    public Frame readUntil(java.util.function.Predicate<Frame> p) throws IOException {
        for (int i = 0; i < 50; i++) {
            Frame f = read();
            if (p.test(f)) {
                return f;
            }
        }
        throw new IOException("no matching frame");
    }

    /** True when the relay closed the connection (EOF) within the socket timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private static int indexOf(byte[] a, int len, byte[] m) {
        outer:
        for (int i = 0; i + m.length <= len; i++) {
            for (int k = 0; k < m.length; k++) {
                if (a[i + k] != m[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void consume(int n) {
        System.arraycopy(buf, n, buf, 0, bufLen - n);
        bufLen -= n;
    }

    private void fill() throws IOException {
        int n = in.read(buf, bufLen, buf.length - bufLen);
        if (n < 0) {
            throw new IOException("connection closed by the relay");
        }
        bufLen += n;
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = 0; i + 1 < bufLen; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String s = new String(buf, 0, i, StandardCharsets.ISO_8859_1);
                    consume(i + 2);
                    return s;
                }
            }
            fill();
        }
    }

    // ---- AUTH --------------------------------------------------------------------------------

    /** The result of a successful AUTH. */
    public static final class Auth {
        public final String usePath;
        public final int expires;
        public final Frame response;

        Auth(Frame f) {
            this.response = f;
            this.usePath = f.header("Use-Path");
            this.expires = f.header("Expires") == null ? -1 : Integer.parseInt(f.header("Expires"));
        }
    }

    /** AUTH to {@code relayUri} as {@code user} (digest username as given) with an optional Expires; returns the final response. */
    public Frame authenticate(String relayUri, String user, String realm, String password, Integer expires, boolean sendUri)
            throws IOException {
        String t1 = tid();
        sendRaw(request(t1, "AUTH", relayUri, uri, List.of(), null, '$'));
        Frame challenge = read();
        if (challenge.status() != 401) {
            return challenge;
        }
        return answer(challenge, relayUri, user, realm, password, expires, sendUri, "00000001");
    }

    /** Answers a 401 challenge. */
    public Frame answer(Frame challenge, String relayUri, String user, String realm, String password, Integer expires,
                        boolean sendUri, String nc) throws IOException {
        String www = challenge.header("WWW-Authenticate");
        String nonce = param(www, "nonce");
        String opaque = param(www, "opaque");
        String cnonce = tid();
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5("AUTH:" + relayUri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        String authz = "Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\""
                + (sendUri ? ", uri=\"" + relayUri + "\"" : "") + ", response=\"" + response + "\", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\"" + (opaque != null ? ", opaque=\"" + opaque + "\"" : "");
        List<String> headers = new ArrayList<>(List.of(authz));
        if (expires != null) {
            headers.add("Expires: " + expires);
        }
        String t = tid();
        sendRaw(request(t, "AUTH", relayUri, uri, headers, null, '$'));
        return read();
    }

    /** AUTH that must succeed. */
    public Auth auth(String relayUri, String user) throws IOException {
        Frame f = authenticate(relayUri, user, "example.com", KarafTestSupport.PASSWORD, null, false);
        if (f.status() != 200) {
            throw new AssertionError("AUTH failed: " + f);
        }
        return new Auth(f);
    }

    public static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]*)\"?").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    public static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

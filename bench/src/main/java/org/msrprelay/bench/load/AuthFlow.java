package org.msrprelay.bench.load;

import java.util.List;

import org.msrprelay.codec.AuthParams;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpSyntaxException;

/**
 * A client's AUTH on a fresh connection (RFC 4976 section 5): AUTH without credentials, 401 with a
 * digest challenge, AUTH with Authorization, 200 with Use-Path. Each step acts on a response's
 * end-line, so that the listener that takes over afterwards never sees a piece of the 200.
 */
final class AuthFlow implements MsrpConn.Listener {
    /** An authenticated session: our own URI and the relay URI(s) from Use-Path. */
    record Session(String user, String ownUri, String usePath) {
    }

    interface Outcome {
        void authed(MsrpConn c, Session s);

        void failed(MsrpConn c, String why);
    }

    private final Options o;
    private final String user;
    private final String ownUri;
    private final String relayUri;
    private final Outcome outcome;
    private MsrpHead last;
    private boolean credentialsSent;
    private boolean finished;

    AuthFlow(Options o, String user, String ownUri, Outcome outcome) {
        this.o = o;
        this.user = user;
        this.ownUri = ownUri;
        this.relayUri = (o.tls() ? "msrps://" : "msrp://") + o.host() + ":" + o.port() + ";tcp";
        this.outcome = outcome;
    }

    static String clientUri(String name) {
        return "msrp://" + name + ".invalid:2855/" + Frames.random(10) + ";tcp";
    }

    @Override
    public void onOpen(MsrpConn c) {
        c.send(Frames.auth(Frames.random(10), relayUri, ownUri, null));
    }

    @Override
    public void onHead(MsrpConn c, MsrpHead h) {
        last = h;
    }

    @Override
    public void onEnd(MsrpConn c, char flag) {
        MsrpHead h = last;
        last = null;
        if (h == null || !h.isResponse() || finished) {
            return;
        }
        if (h.status() == 401 && !credentialsSent) {
            String digest = null;
            for (String v : h.headerValues("WWW-Authenticate")) {
                if (v.trim().regionMatches(true, 0, "Digest", 0, 6)) {
                    digest = v;
                }
            }
            if (digest == null) {
                fail(c, "401 without a Digest challenge");
                return;
            }
            try {
                AuthParams p = AuthParams.parseWithScheme(digest);
                String authz = Frames.authorization(p.params(), o.realm(), user, o.password(), relayUri, o.digestUri());
                credentialsSent = true;
                c.send(Frames.auth(Frames.random(10), relayUri, ownUri, authz));
            } catch (MsrpSyntaxException e) {
                fail(c, "bad challenge: " + e.getMessage());
            }
            return;
        }
        if (h.status() == 200 && credentialsSent) {
            String use = h.header("Use-Path");
            if (use == null || use.isBlank()) {
                fail(c, "200 without Use-Path");
                return;
            }
            finished = true;
            outcome.authed(c, new Session(user, ownUri, use.trim()));
            return;
        }
        fail(c, "AUTH answered " + h.status() + (h.comment() != null ? " " + h.comment() : ""));
    }

    @Override
    public void onClosed(MsrpConn c, String why) {
        if (!finished) {
            finished = true;
            outcome.failed(c, "connection closed during AUTH: " + why);
        }
    }

    private void fail(MsrpConn c, String why) {
        finished = true;
        outcome.failed(c, why);
    }

    static List<String> split(String path) {
        return List.of(path.trim().split("\\s+"));
    }
}

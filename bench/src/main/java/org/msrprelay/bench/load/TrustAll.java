package org.msrprelay.bench.load;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A client TLS context that accepts any server certificate: the load tool measures relays, it does not check them. */
final class TrustAll {
    private static SSLContext context;

    private TrustAll() {
    }

    static synchronized SSLContext context() {
        if (context == null) {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                        // a load generator trusts whatever it is pointed at
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                        // likewise
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }}, null);
                context = ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no TLS in this JDK", e);
            }
        }
        return context;
    }
}

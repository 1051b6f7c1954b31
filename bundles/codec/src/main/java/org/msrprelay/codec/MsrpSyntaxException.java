package org.msrprelay.codec;

/** A header value or URI that does not match the RFC 4975 section 9 grammar. */
public class MsrpSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public MsrpSyntaxException(String message) {
        super(message);
    }
}

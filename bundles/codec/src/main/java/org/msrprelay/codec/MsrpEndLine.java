package org.msrprelay.codec;

/**
 * The end of a streamed message: its transaction id, the continuation flag ({@code $ + #}) and
 * whether content preceded it (then the wire form starts with CRLF).
 */
public record MsrpEndLine(String transactionId, char flag, boolean afterBody) {
}

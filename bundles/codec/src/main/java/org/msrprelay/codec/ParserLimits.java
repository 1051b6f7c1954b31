package org.msrprelay.codec;

/**
 * Every bound the parser enforces while scanning. All sizes are bytes.
 *
 * @param maxStartLine   longest start line, CRLF included
 * @param maxHeaderLine  longest header line, CRLF included
 * @param maxHeadBytes   start line plus all header lines
 * @param maxHeaders     header lines per message
 * @param maxPathUris    URIs in one To-Path, From-Path or Use-Path
 * @param maxNonSendBody body bytes of any message that is not a SEND request
 */
public record ParserLimits(int maxStartLine, int maxHeaderLine, int maxHeadBytes, int maxHeaders, int maxPathUris,
                           long maxNonSendBody) {
    /** Defaults generous enough for every client seen in the wild. */
    public static final ParserLimits DEFAULTS = new ParserLimits(1024, 16384, 65536, 64, 32, 65536);

    public ParserLimits {
        if (maxStartLine < 32 || maxHeaderLine < 64 || maxHeadBytes < maxStartLine || maxHeaders < 2
                || maxPathUris < 1 || maxNonSendBody < 0) {
            throw new IllegalArgumentException("parser limits too small: " + this);
        }
    }
}

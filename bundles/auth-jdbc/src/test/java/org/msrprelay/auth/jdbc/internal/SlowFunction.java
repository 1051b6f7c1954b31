package org.msrprelay.auth.jdbc.internal;

/** A Derby SQL function that makes every row it is evaluated on slow, while a test wants it. */
public final class SlowFunction {
    static volatile int delayMillis;

    private SlowFunction() {
    }

    /** Called by Derby as {@code pause_ms(n)}. */
    public static int pause(int n) throws InterruptedException {
        int delay = delayMillis;
        if (delay > 0) {
            Thread.sleep(delay);
        }
        return n;
    }
}

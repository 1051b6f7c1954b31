package org.msrprelay.shell.internal;

/** Checks of a password typed in the shell. Messages never contain the password. */
final class Passwords {
    private Passwords() {
    }

    /**
     * The password given as an argument.
     *
     * @throws IllegalArgumentException when it is empty
     */
    static String given(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        return password;
    }

    /**
     * The password typed at the prompt and typed again.
     *
     * @throws IllegalArgumentException when input ended, it is empty or the two differ
     */
    static String confirmed(String first, String second) {
        if (first == null || second == null) {
            throw new IllegalArgumentException("no password given");
        }
        if (!first.equals(second)) {
            throw new IllegalArgumentException("the passwords do not match");
        }
        return given(first);
    }
}

package io.custodia.cli;

/** The command line itself is wrong; exit code 2 and the command's usage. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}

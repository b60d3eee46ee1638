package io.custodia.config;

/**
 * A configuration file is wrong. The message always starts with {@code file:line:column:} so an
 * operator can jump straight to the bad spot; it names the bad value and what was expected.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.custodia.purge;

import java.nio.file.Path;

/** Where purge keeps its plans ({@code plans/<id>.json}) and execution journals ({@code journal/<plan>-<scope>/}). */
public record PurgeDirectories(Path root) {
    public Path plans() {
        return root.resolve("plans");
    }

    public Path journal(String executionKey) {
        return root.resolve("journal").resolve(executionKey);
    }
}

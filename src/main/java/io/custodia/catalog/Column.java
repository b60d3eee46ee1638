package io.custodia.catalog;

import java.util.Set;

/** One declared column: its type, sensitivity level and tags. */
public record Column(String name, ColumnType type, Level level, Set<Tag> tags, boolean required) {
    public Column {
        tags = Set.copyOf(tags);
    }

    public boolean has(Tag tag) {
        return tags.contains(tag);
    }
}

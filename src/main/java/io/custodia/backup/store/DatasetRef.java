package io.custodia.backup.store;

/**
 * What a set remembers about a catalogued dataset it holds, so a restore knows which column names
 * the subject (customer) without the live catalog: name, role, format and subject-key column.
 */
public record DatasetRef(String name, String role, String format, String subjectKey) {
}

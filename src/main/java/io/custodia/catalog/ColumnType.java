package io.custodia.catalog;

/**
 * Logical column types and the Java value each holds in a row: STRING → String, INT → Integer,
 * LONG → Long, DOUBLE → Double, BOOLEAN → Boolean, DATE → LocalDate, TIMESTAMP → Instant (UTC).
 */
public enum ColumnType {
    STRING, INT, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP;

    public String label() {
        return name().toLowerCase();
    }
}

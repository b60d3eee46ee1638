package io.custodia.catalog;

/** File formats a dataset may be stored in. */
public enum DataFormat {
    PARQUET("parquet"), CSV("csv"), JSONL("jsonl");

    private final String extension;

    DataFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}

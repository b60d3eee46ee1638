package io.custodia.crossborder;

import java.net.URI;
import java.nio.file.Path;

/**
 * How findings name files: relative to the catalog's directory when the file is a local file under
 * it ({@code datasets/transfer_ledger.csv:17}), the full URI otherwise ({@code hdfs://nn/egress/x.jsonl:5}).
 */
record Locations(Path base) {
    String display(org.apache.hadoop.fs.Path file) {
        URI uri = file.toUri();
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            Path p = Path.of(uri.getPath()).toAbsolutePath().normalize();
            if (base != null && p.startsWith(base)) {
                return base.relativize(p).toString();
            }
            return p.toString();
        }
        return uri.toString();
    }

    String at(org.apache.hadoop.fs.Path file, long line) {
        return display(file) + ":" + line;
    }
}

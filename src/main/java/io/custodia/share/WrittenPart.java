package io.custodia.share;

import java.util.Map;

/**
 * What the second pass wrote for one source file: rows read, candidates (must equal the first
 * pass's), rows left out as members of suppressed classes, rows written, the output file (null
 * when nothing was written) with its size and SHA-256, and values each transform nulled.
 */
public record WrittenPart(SourceFile source, String policySha256, long rowsRead, long candidates, long suppressed, long written,
        String output, long bytes, String sha256, boolean subjectsFile, Map<String, Long> rejected) {
}

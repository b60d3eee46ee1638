package io.custodia.share;

import java.util.Map;

/**
 * What the first pass found in one source file: rows read, rows that passed the filter
 * (candidates), equivalence classes, and values the quasi-identifier transforms nulled. Written to
 * the work directory beside the class file; a restart reuses it when the file and the policy are
 * unchanged. {@code overflow} means counting stopped early: this file alone already has more
 * classes than any passing export could, so the export will be refused.
 */
public record ClassCountPart(SourceFile source, String policySha256, long rowsRead, long candidates, int classes,
        Map<String, Long> rejected, boolean overflow) {
}

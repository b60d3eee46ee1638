package io.custodia.crossborder;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything the egress log says, combined over the per-file scans: the groups of lines (merged
 * across files), what each declared transfer's evidence adds up to, the evidence no ledger row
 * names, and the exact distinct-individual counts from merging every file's sorted runs.
 *
 * <p>Which legal entity and year an egress line counts for: the ledger row it matched (its
 * {@code legal_entity}, its date, its sensitivity and exemption); a line no row names counts for the
 * job file's {@code default-legal-entity} as non-sensitive (the gateway does not log sensitivity),
 * in the year it left.
 */
final class EgressEvidence {
    /** What the lines assigned to one ledger row add up to. */
    static final class PerRow {
        long lines;
        long bytes;
        long linesWithBytes;
        long withoutHash;
        long individuals;
        long firstMillis = Long.MAX_VALUE;
        long lastMillis = Long.MIN_VALUE;
        String firstLocation;
        final List<EgressScan.Group> groups = new ArrayList<>();

        boolean any() {
            return lines > 0;
        }

        /** Individuals were counted from every line (no line without a subject hash). */
        boolean individualsExact() {
            return lines > 0 && withoutHash == 0;
        }
    }

    /** Lines no ledger row names (one group: object, destination, channel, remote flag, year). */
    record Undeclared(EgressScan.Group group, long individuals) {
    }

    final List<EgressScan.Group> groups;
    final PerRow[] perRow;
    final List<Undeclared> undeclared;
    final List<VolumeKey> volumes;
    final DistinctCounts counts;
    final int runs;
    final int extraPasses;

    private EgressEvidence(List<EgressScan.Group> groups, PerRow[] perRow, List<Undeclared> undeclared, List<VolumeKey> volumes,
            DistinctCounts counts, int runs, int extraPasses) {
        this.groups = groups;
        this.perRow = perRow;
        this.undeclared = undeclared;
        this.volumes = volumes;
        this.counts = counts;
        this.runs = runs;
        this.extraPasses = extraPasses;
    }

    /** The volume a ledger row counts in; a row that does not say whether it is sensitive counts as sensitive. */
    static VolumeKey volumeOf(LedgerRow r, ReconcileSettings s) {
        return new VolumeKey(r.legalEntity() != null ? r.legalEntity() : s.entityOrUnattributed(), !Boolean.FALSE.equals(r.sensitive()));
    }

    /** Exempt from counting: an exemption kind the rule set knows and does not count (e.g. contract performance). */
    static boolean exempt(LedgerRow r, RuleSet rules) {
        if (!RuleSet.EXEMPTION.equals(r.legalBasis()) || r.exemptionKind() == null) {
            return false;
        }
        RuleSet.Exemption e = rules.exemptions().get(r.exemptionKind());
        return e != null && !e.counted();
    }

    static EgressEvidence assemble(List<EgressScan> scans, List<Path> partDirs, List<LedgerRow> rows, ReconcileSettings settings,
            ZoneId zone, Path workDir, List<VolumeKey> declaredVolumes) {
        Map<EgressScan.Key, Integer> index = new LinkedHashMap<>();
        List<EgressScan.Group> merged = new ArrayList<>();
        List<RunMerger.Run> runs = new ArrayList<>();
        for (int s = 0; s < scans.size(); s++) {
            EgressScan scan = scans.get(s);
            int[] map = new int[scan.groups().size()];
            for (int i = 0; i < scan.groups().size(); i++) {
                EgressScan.Group g = scan.groups().get(i);
                if (g.row() >= 0 && (g.row() >= rows.size() || !rows.get(g.row()).transferId().equals(g.transferId()))) {
                    throw new IllegalStateException("the transfer ledger changed while reconcile was running (row " + g.row()
                            + " no longer holds transfer " + g.transferId() + "); run the reconciliation again");
                }
                Integer id = index.get(g.key());
                if (id == null) {
                    id = merged.size();
                    index.put(g.key(), id);
                    merged.add(g);
                } else {
                    merged.set(id, combine(merged.get(id), g));
                }
                map[i] = id;
            }
            for (String run : scan.runs()) {
                runs.add(new RunMerger.Run(partDirs.get(s).resolve(run), map));
            }
        }

        List<VolumeKey> volumes = new ArrayList<>(declaredVolumes);
        int transfers = rows.size();
        int[] groupTransfer = new int[merged.size()];
        int[] groupVolume = new int[merged.size()];
        int[] groupCategory = new int[merged.size()];
        int[] groupMonth = new int[merged.size()];
        List<Integer> undeclaredGroups = new ArrayList<>();
        for (int g = 0; g < merged.size(); g++) {
            EgressScan.Group group = merged.get(g);
            VolumeKey v;
            if (group.row() >= 0) {
                LedgerRow r = rows.get(group.row());
                groupTransfer[g] = group.row();
                v = volumeOf(r, settings);
                groupCategory[g] = exempt(r, settings.rules()) ? DistinctCounts.EXEMPT : DistinctCounts.COUNTED;
                groupMonth[g] = r.date(zone).getMonthValue();
            } else {
                groupTransfer[g] = transfers + undeclaredGroups.size();
                undeclaredGroups.add(g);
                v = new VolumeKey(settings.entityOrUnattributed(), false);
                groupCategory[g] = DistinctCounts.UNDECLARED;
                groupMonth[g] = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(group.firstMillis()), zone).getMonthValue();
            }
            int vi = volumes.indexOf(v);
            if (vi < 0) {
                vi = volumes.size();
                volumes.add(v);
            }
            groupVolume[g] = vi;
        }
        DistinctCounts counts = new DistinctCounts(groupTransfer, transfers + undeclaredGroups.size(), groupVolume, volumes.size(),
                groupCategory, groupMonth);
        RunMerger merger = new RunMerger(workDir, settings.mergeFanIn());
        merger.merge(runs, counts);
        counts.finish();

        PerRow[] perRow = new PerRow[rows.size()];
        for (int i = 0; i < perRow.length; i++) {
            perRow[i] = new PerRow();
        }
        for (EgressScan.Group g : merged) {
            if (g.row() < 0) {
                continue;
            }
            PerRow p = perRow[g.row()];
            p.lines += g.lines();
            p.bytes += g.bytes();
            p.linesWithBytes += g.linesWithBytes();
            p.withoutHash += g.withoutHash();
            if (g.firstMillis() < p.firstMillis) {
                p.firstMillis = g.firstMillis();
                p.firstLocation = g.firstLocation();
            }
            p.lastMillis = Math.max(p.lastMillis, g.lastMillis());
            p.groups.add(g);
        }
        for (int i = 0; i < perRow.length; i++) {
            perRow[i].individuals = counts.perTransfer[i];
        }
        List<Undeclared> undeclared = new ArrayList<>();
        for (int k = 0; k < undeclaredGroups.size(); k++) {
            undeclared.add(new Undeclared(merged.get(undeclaredGroups.get(k)), counts.perTransfer[transfers + k]));
        }
        return new EgressEvidence(List.copyOf(merged), perRow, List.copyOf(undeclared), List.copyOf(volumes), counts, runs.size(),
                merger.extraPasses());
    }

    private static EgressScan.Group combine(EgressScan.Group a, EgressScan.Group b) {
        boolean bFirst = b.firstMillis() < a.firstMillis();
        return new EgressScan.Group(a.object(), a.host(), a.country(), a.channel(), a.remote(), a.row(), a.transferId(), a.year(),
                a.lines() + b.lines(), a.bytes() + b.bytes(), a.linesWithBytes() + b.linesWithBytes(), a.withoutHash() + b.withoutHash(),
                bFirst ? b.firstMillis() : a.firstMillis(), bFirst ? b.firstLocation() : a.firstLocation(),
                Math.max(a.lastMillis(), b.lastMillis()));
    }

    /** Hosts, countries or channels of a row's evidence, for the report. */
    static String distinct(List<EgressScan.Group> groups, java.util.function.Function<EgressScan.Group, String> f) {
        TreeSet<String> s = new TreeSet<>();
        for (EgressScan.Group g : groups) {
            String v = f.apply(g);
            if (v != null) {
                s.add(v);
            }
        }
        return String.join(", ", s);
    }
}

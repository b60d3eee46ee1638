package io.custodia.crossborder;

import io.custodia.batch.CrashPoints;
import io.custodia.batch.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one egress log file line by line (bytes, no per-line decoding of the whole line), parses
 * each line, assigns it to a group ({@link TransferIndex}), keeps per-group counts and feeds the
 * keyed fingerprint of its subject hash to a {@link FingerprintSorter}. A malformed line is counted
 * and reported with file:line, and reading goes on: the log is evidence, and one bad line must not
 * hide the rest.
 *
 * <p>Lines of a declared transfer belong to the period when the ledger row's date does; other lines
 * when their own date does. Lines outside the period are counted and set aside.
 */
final class EgressScanner {
    private static final Logger log = LoggerFactory.getLogger(EgressScanner.class);
    static final int MAX_LINE = 1 << 20;
    static final String CRASH_POINT_SPILLED = "reconcile.egress.spilled";

    /** What the scanner needs to know about the ledger: rows by index (id, in period?) and the index by object. */
    record LedgerView(TransferIndex index, String[] transferIds, boolean[] inPeriod) {
    }

    private final LedgerView ledger;
    private final ReconcilePeriod period;
    private final SipHash sip;
    private final Set<String> declaredColumns;
    private final int malformedShown;
    private final int maxGroups;

    EgressScanner(LedgerView ledger, ReconcilePeriod period, SipHash sip, Set<String> declaredColumns, int malformedShown) {
        this(ledger, period, sip, declaredColumns, malformedShown, 100_000);
    }

    /**
     * {@code maxGroups}: memory grows with the groups of a file (object × destination × channel), not
     * with its lines; a log whose object names a request rather than a transfer would make one group a
     * line, so the scan stops with a clear message instead of running out of memory.
     */
    EgressScanner(LedgerView ledger, ReconcilePeriod period, SipHash sip, Set<String> declaredColumns, int malformedShown, int maxGroups) {
        this.ledger = ledger;
        this.period = period;
        this.sip = sip;
        this.declaredColumns = declaredColumns;
        this.malformedShown = malformedShown;
        this.maxGroups = maxGroups;
    }

    private static final class Stats {
        final int id;
        long lines;
        long bytes;
        long linesWithBytes;
        long withoutHash;
        long firstMillis = Long.MAX_VALUE;
        String firstLocation;
        long lastMillis = Long.MIN_VALUE;

        Stats(int id) {
            this.id = id;
        }
    }

    EgressScan scan(org.apache.hadoop.fs.Path file, String display, Configuration conf, Path workDir, String prefix, int buffer) {
        FingerprintSorter sorter = new FingerprintSorter(workDir, prefix, buffer);
        Map<EgressScan.Key, Stats> groups = new HashMap<>();
        List<EgressScan.Key> order = new ArrayList<>();
        List<EgressScan.Malformed> malformed = new ArrayList<>();
        long malformedCount = 0;
        long lines = 0;
        long inPeriod = 0;
        long outOfPeriod = 0;
        boolean crashPointPassed = false;
        EgressLine line = new EgressLine(declaredColumns);
        Progress progress = new Progress(log, "reconcile egress " + file.getName(), "lines", -1);
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            byte[] buf = new byte[1 << 20];
            int start = 0;
            int end = 0;
            long lineNo = 0;
            boolean eof = false;
            boolean skipping = false;
            int batch = 0;
            while (true) {
                int nl = -1;
                for (int i = start; i < end; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl < 0 && !eof) {
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buf.length) {
                        if (buf.length < MAX_LINE + 2) {
                            buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE + 2));
                        } else {
                            // a line longer than allowed: report it once, drop what we have and skip to its end
                            if (!skipping) {
                                lineNo++;
                                lines++;
                                malformedCount++;
                                if (malformed.size() < malformedShown) {
                                    malformed.add(new EgressScan.Malformed(display + ":" + lineNo, "line longer than " + MAX_LINE + " bytes"));
                                }
                                skipping = true;
                            }
                            start = end = 0;
                        }
                    }
                    int r = in.read(buf, end, buf.length - end);
                    if (r < 0) {
                        eof = true;
                    } else {
                        end += r;
                    }
                    continue;
                }
                int lineEnd = nl < 0 ? end : nl;
                if (nl < 0 && start == end) {
                    break;
                }
                if (skipping) {
                    skipping = false;
                    start = nl < 0 ? end : nl + 1;
                    if (nl < 0) {
                        break;
                    }
                    continue;
                }
                lineNo++;
                int off = start;
                int len = lineEnd - start;
                start = nl < 0 ? end : nl + 1;
                if (len > 0 && buf[off + len - 1] == '\r') {
                    len--;
                }
                if (lineNo == 1 && len >= 3 && (buf[off] & 0xff) == 0xEF && (buf[off + 1] & 0xff) == 0xBB && (buf[off + 2] & 0xff) == 0xBF) {
                    off += 3;
                    len -= 3;
                }
                if (isBlank(buf, off, len)) {
                    if (nl < 0) {
                        break;
                    }
                    continue;
                }
                lines++;
                String problem = line.parse(buf, off, len);
                if (problem != null) {
                    malformedCount++;
                    if (malformed.size() < malformedShown) {
                        malformed.add(new EgressScan.Malformed(display + ":" + lineNo, problem));
                    }
                } else {
                    int row = ledger.index().assign(line.object, line.millis);
                    LocalDate date = period.date(line.millis);
                    boolean counted = row >= 0 ? ledger.inPeriod()[row] : period.contains(date);
                    if (!counted) {
                        outOfPeriod++;
                    } else {
                        inPeriod++;
                        EgressScan.Key key = new EgressScan.Key(line.object, line.host, line.country, line.channel, line.remote, row,
                                row >= 0 ? 0 : date.getYear());
                        Stats s = groups.get(key);
                        if (s == null) {
                            if (order.size() == maxGroups) {
                                throw new IllegalStateException("the egress log " + display + " has more than " + String.format("%,d", maxGroups)
                                        + " distinct object/destination groups by line " + lineNo + ": reconcile expects 'object' to name a "
                                        + "transfer (a file, feed or session), not each request; fix the gateway's log format, or raise "
                                        + "max-groups in the job file if this many transfers are real");
                            }
                            s = new Stats(order.size());
                            groups.put(key, s);
                            order.add(key);
                        }
                        s.lines++;
                        if (line.hasBytes) {
                            s.bytes += line.bytes;
                            s.linesWithBytes++;
                        }
                        if (line.millis < s.firstMillis) {
                            s.firstMillis = line.millis;
                            s.firstLocation = display + ":" + lineNo;
                        }
                        s.lastMillis = Math.max(s.lastMillis, line.millis);
                        if (!line.hasSubject()) {
                            s.withoutHash++;
                        } else {
                            sorter.add(line.fingerprint(sip), s.id);
                            if (!crashPointPassed && sorter.runCount() > 0) {
                                crashPointPassed = true;
                                CrashPoints.reached(CRASH_POINT_SPILLED);
                            }
                        }
                    }
                }
                if (++batch == 100_000) {
                    progress.add(batch);
                    batch = 0;
                }
                if (nl < 0) {
                    break;
                }
            }
            progress.add(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the egress log " + display + ": " + e.getMessage(), e);
        }
        List<Path> runs = sorter.finish();
        progress.finish();
        List<EgressScan.Group> out = new ArrayList<>();
        for (EgressScan.Key k : order) {
            Stats s = groups.get(k);
            out.add(new EgressScan.Group(k.object(), k.host(), k.country(), k.channel(), k.remote(), k.row(),
                    k.row() >= 0 ? ledger.transferIds()[k.row()] : null, k.year(), s.lines, s.bytes, s.linesWithBytes, s.withoutHash,
                    s.firstMillis, s.firstLocation, s.lastMillis));
        }
        return new EgressScan(display, lines, inPeriod, outOfPeriod, malformedCount, List.copyOf(malformed),
                runs.stream().map(p -> p.getFileName().toString()).toList(), sorter.spilled(), out);
    }

    private static boolean isBlank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}

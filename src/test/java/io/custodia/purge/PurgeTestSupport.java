package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Dataset;
import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.parquet.DatasetFiles;
import io.custodia.parquet.Row;
import io.custodia.parquet.RowReader;
import io.custodia.storage.Storage;
import io.custodia.support.TestHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading back what purge left: the datasets' rows, JSON files, ledger entries, leftovers. */
final class PurgeTestSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private PurgeTestSupport() {
    }

    /** A test home with keys, a local purge company and one purge job file. */
    record Setup(TestHome home, PurgeCompany company, Path job) {
    }

    /** {@code purgeSection} is the job file's text after its first two lines (empty for none). */
    static Setup setUp(Path tmp, int customers, long seed, String jobName, String purgeSection) throws Exception {
        TestHome home = new TestHome(tmp);
        PurgeCompany company = new PurgeCompany(tmp.resolve("sample-data"), null, customers, seed);
        Files.createDirectories(tmp.resolve("jobs"));
        Path job = tmp.resolve("jobs/" + jobName + ".yaml");
        Files.writeString(job, "job: purge\ncatalog: ../sample-data/catalog.yaml\n" + purgeSection);
        assertThat(home.cli("keys", "init").exitCode()).isZero();
        return new Setup(home, company, job);
    }

    /** All rows of a dataset as they are now, sorted by primary key. */
    static List<Row> read(Dataset ds) {
        List<Row> out = new ArrayList<>();
        for (FileStatus f : DatasetFiles.list(ds)) {
            try (RowReader r = DatasetFiles.open(ds, f.getPath(), Storage.configuration())) {
                for (Row row = r.next(); row != null; row = r.next()) {
                    out.add(row);
                }
            }
        }
        out.sort(Comparator.comparing(r -> r.getString(ds.primaryKey())));
        return out;
    }

    static List<Row> sorted(Dataset ds, List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(r -> r.getString(ds.primaryKey())));
        return out;
    }

    /** Names of every file (hidden ones included) under the dataset directories, on any filesystem. */
    static List<String> allFileNames(Dataset ds) {
        try {
            FileSystem fs = Storage.fileSystem(ds.location());
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(ds.location());
            if (fs.getFileStatus(dir).isFile()) {
                dir = dir.getParent();
            }
            List<String> out = new ArrayList<>();
            var it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                out.add(it.next().getPath().getName());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path p) {
        try {
            return JSON.readTree(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long ledgerCount(TestHome home, String type) {
        EvidenceLedger ledger = new EvidenceLedger(home.resolve("var/evidence"));
        return ledger.entriesOfType(new KeyDirectory(home.resolve("var/keys")).verifier(), type).size();
    }

    static List<JsonNode> ledgerBodies(TestHome home, String type) {
        EvidenceLedger ledger = new EvidenceLedger(home.resolve("var/evidence"));
        return ledger.entriesOfType(new KeyDirectory(home.resolve("var/keys")).verifier(), type).stream().map(e -> e.body()).toList();
    }

    static Path onlyPlan(TestHome home) {
        List<Path> plans = plans(home);
        assertThat(plans).hasSize(1);
        return plans.getFirst();
    }

    static List<Path> plans(TestHome home) {
        Path dir = home.resolve("var/purge/plans");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{12}\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> certificates(TestHome home) {
        Path dir = home.resolve("var/evidence/certificates");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails naming the file and the value if any personal value appears in any file under {@code roots} or in {@code texts}. */
    static void assertNoPersonalValues(Set<String> personal, List<Path> roots, String... texts) {
        List<String> hits = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    for (String v : personal) {
                        if (text.contains(v)) {
                            hits.add(f + " contains a personal value");
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String t : texts) {
            for (String v : personal) {
                if (t.contains(v)) {
                    hits.add("command output contains a personal value");
                    break;
                }
            }
        }
        assertThat(hits).isEmpty();
    }
}

package io.custodia.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedule files are validated before anything starts, and every error names file:line:column of
 * the bad value. Positions are those of the text written here.
 */
class ScheduleFilesTest {
    static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    static final ScheduleFiles.JobFileCheck ACCEPT = p -> { };
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void jobFile() throws IOException {
        Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(tmp.resolve("jobs/inventory.yaml"), "job: inventory\n");
        dir = Files.createDirectories(tmp.resolve("schedules"));
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    String onlyError(String name, String text) throws IOException {
        Path f = write(name, text);
        ScheduleFiles.Loaded loaded = ScheduleFiles.load(dir, ACCEPT, NOW);
        assertThat(loaded.schedules()).isEmpty();
        assertThat(loaded.errors()).hasSize(1);
        assertThat(loaded.errors().getFirst()).startsWith(f.toString() + ":");
        return loaded.errors().getFirst().substring(f.toString().length());
    }

    @Test
    void validScheduleGetsDefaults() throws IOException {
        write("nightly.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                misfire: fire-once-now
                """);
        List<Schedule> all = ScheduleFiles.load(dir, ACCEPT, NOW).requireValid();
        assertThat(all).hasSize(1);
        Schedule s = all.getFirst();
        assertThat(s.name()).isEqualTo("nightly");
        assertThat(s.jobFile()).isEqualTo(tmp.resolve("jobs/inventory.yaml").toAbsolutePath().normalize());
        assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(s.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW);
        assertThat(s.overlap()).isEqualTo(OverlapPolicy.FORBID);
        assertThat(s.runKey()).isEqualTo(RunKey.DATE);
        assertThat(s.dryRun()).isFalse();
    }

    @Test
    void everyOptionIsRead() throws IOException {
        write("b.yml", """
                description: every five minutes, dry
                job-file: ../jobs/inventory.yaml
                cron: "0 0/5 * * * ?"
                time-zone: UTC
                misfire: skip
                overlap: allow
                run-key: fire-time
                parameters:
                  dry-run: true
                """);
        Schedule s = ScheduleFiles.load(dir, ACCEPT, NOW).requireValid().getFirst();
        assertThat(s).extracting(Schedule::name, Schedule::zone, Schedule::misfire, Schedule::overlap, Schedule::runKey, Schedule::dryRun,
                Schedule::description).containsExactly("b", ZoneId.of("UTC"), MisfirePolicy.SKIP, OverlapPolicy.ALLOW, RunKey.FIRE_TIME, true,
                        "every five minutes, dry");
    }

    @Test
    void badCronNamesItsPosition() throws IOException {
        String e = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 61 1 * * ?"
                misfire: skip
                """);
        assertThat(e).startsWith(":2:7: cron: invalid Quartz cron expression '0 61 1 * * ?'");
    }

    @Test
    void fiveFieldUnixCronGetsAHint() throws IOException {
        String e = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                misfire: skip
                cron: "30 1 * * *"
                """);
        assertThat(e).startsWith(":3:7: cron: invalid Quartz cron expression '30 1 * * *'").contains("seconds field first");
    }

    @Test
    void cronThatNeverFiresAgainIsRejected() throws IOException {
        String e = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                misfire: skip
                cron: "0 0 1 1 1 ? 2020"
                """);
        assertThat(e).startsWith(":3:7: cron: cron '0 0 1 1 1 ? 2020' never fires after 2026-11-25T00:00:00Z");
    }

    @Test
    void unknownTimeZone() throws IOException {
        String e = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                time-zone: Asia/Shangai
                misfire: skip
                """);
        assertThat(e).isEqualTo(":3:12: time-zone: unknown time zone 'Asia/Shangai'; use a region id such as Asia/Shanghai or UTC");
    }

    @Test
    void missingJobFile() throws IOException {
        String e = onlyError("a.yaml", """
                cron: "0 0 1 * * ?"
                misfire: skip
                job-file: ../jobs/nightly-backup.yaml
                """);
        assertThat(e).isEqualTo(":3:11: job-file: no such job file " + tmp.resolve("jobs/nightly-backup.yaml").toAbsolutePath().normalize()
                + " (job-file is relative to the schedule file)");
    }

    @Test
    void unknownKey() throws IOException {
        String e = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                misfire: skip
                retries: 3
                """);
        assertThat(e).startsWith(":4:1: retries: unknown key 'retries'; allowed here: cron, description, job-file, misfire, overlap, parameters, run-key, time-zone");
    }

    @Test
    void misfirePolicyIsRequiredAndClosed() throws IOException {
        String missing = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                """);
        assertThat(missing).startsWith(":1:1: (document): missing required key 'misfire'").contains("fire-once-now").contains("skip");
        Files.delete(dir.resolve("a.yaml"));
        String wrong = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                misfire: later
                """);
        assertThat(wrong).isEqualTo(":3:10: misfire: unknown value 'later'; expected one of fire-once-now, skip");
    }

    @Test
    void badParameter() throws IOException {
        String e = onlyError("a.yaml", """
                job-file: ../jobs/inventory.yaml
                cron: "0 0 1 * * ?"
                misfire: skip
                parameters:
                  dry-run: maybe
                """);
        assertThat(e).isEqualTo(":5:12: parameters.dry-run: expected true or false, found 'maybe'");
    }

    @Test
    void everyBrokenFileIsListedAndNothingIsValid() throws IOException {
        write("a.yaml", "job-file: ../jobs/inventory.yaml\ncron: \"bad\"\nmisfire: skip\n");
        write("b.yaml", "job-file: ../jobs/inventory.yaml\ncron: \"0 0 1 * * ?\"\nmisfire: skip\novrelap: allow\n");
        write("c.yaml", "job-file: ../jobs/inventory.yaml\ncron: \"0 0 1 * * ?\"\nmisfire: skip\n");
        Files.writeString(dir.resolve("notes.txt"), "not a schedule");
        ScheduleFiles.Loaded loaded = ScheduleFiles.load(dir, ACCEPT, NOW);
        assertThat(loaded.schedules()).extracting(Schedule::name).containsExactly("c");
        assertThatThrownBy(loaded::requireValid).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("a.yaml") + ":2:7: cron: invalid Quartz cron expression 'bad'")
                .hasMessageContaining("\n" + dir.resolve("b.yaml") + ":4:1: ovrelap: unknown key 'ovrelap'")
                .hasMessageEndingWith("(2 problems)");
    }

    @Test
    void aJobFileConfigurationErrorStopsTheScheduleAndADataProblemOnlyWarns() throws IOException {
        write("a.yaml", "job-file: ../jobs/inventory.yaml\ncron: \"0 0 1 * * ?\"\nmisfire: skip\n");
        Path job = tmp.resolve("jobs/inventory.yaml").toAbsolutePath().normalize();
        ScheduleFiles.Loaded config = ScheduleFiles.load(dir, p -> {
            throw new ConfigException(p + ":2:3: inventory.flag-min-values: expected a whole number, found 'x'");
        }, NOW);
        assertThat(config.errors()).containsExactly(job + ":2:3: inventory.flag-min-values: expected a whole number, found 'x'"
                + " (job file fired by " + dir.resolve("a.yaml") + ")");

        ScheduleFiles.Loaded data = ScheduleFiles.load(dir, p -> {
            throw new IllegalStateException("dataset 'orders': file part-0.parquet has no column customer_id");
        }, NOW);
        assertThat(data.errors()).isEmpty();
        assertThat(data.schedules()).hasSize(1);
        assertThat(data.warnings()).singleElement().asString().contains("a.yaml").contains("has no column customer_id")
                .contains("the scheduler starts anyway");
    }

    @Test
    void missingDirectory() {
        assertThatThrownBy(() -> ScheduleFiles.load(tmp.resolve("nope"), ACCEPT, NOW)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(tmp.resolve("nope") + ":1:1: no schedules directory here");
    }
}

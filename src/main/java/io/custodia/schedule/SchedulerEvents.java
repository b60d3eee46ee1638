package io.custodia.schedule;

import io.custodia.batch.CustodiaProperties;
import io.custodia.batch.RunOwner;
import io.custodia.evidence.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The scheduler's report: one JSON line per thing that happened to a fire — fired, completed,
 * failed, already done, refused because the job file was still running, missed and skipped or
 * fired late, stopped by a shutdown — in {@code <reports>/scheduler/events.jsonl}, and the same as
 * a log line. Each line is one append (O_APPEND), so threads and nodes sharing the directory never
 * interleave lines. Holds schedule names, times, execution ids and messages; never data.
 */
@Component
public class SchedulerEvents {
    private static final Logger log = LoggerFactory.getLogger(SchedulerEvents.class);
    private final Path file;
    private final String node = RunOwner.localHost() + ":" + ProcessHandle.current().pid();

    @Autowired
    public SchedulerEvents(CustodiaProperties properties) {
        this.file = properties.reportsDir().toAbsolutePath().resolve("scheduler").resolve("events.jsonl");
    }

    private SchedulerEvents(Path file) {
        this.file = file;
    }

    /** The report at a given file (tests, tools reading another node's report). */
    public static SchedulerEvents at(Path file) {
        return new SchedulerEvents(file);
    }

    public record Event(String time, String node, String schedule, String event, String fire, Long execution, String message) {
    }

    public Path file() {
        return file;
    }

    public void record(String schedule, String event, String fire, Long execution, String message) {
        Event e = new Event(Instant.now().toString(), node, schedule, event, fire, execution, message);
        String line = schedule + ": " + event + (fire == null ? "" : " [fire " + fire + "]") + (execution == null ? "" : " execution " + execution)
                + (message == null || message.isEmpty() ? "" : " — " + message);
        switch (event) {
            case "failed", "refused", "missed", "stopped" -> log.warn(line);
            default -> log.info(line);
        }
        append(e);
    }

    private synchronized void append(Event e) {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = (Json.MAPPER.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the scheduler report " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Every event, oldest first (an unreadable line is skipped: a half-written line after a crash). */
    public List<Event> read() {
        List<Event> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    out.add(Json.MAPPER.readValue(line, Event.class));
                } catch (RuntimeException ignored) {
                    // a torn last line from a crash: not an event
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the scheduler report " + file + ": " + ex.getMessage(), ex);
        }
        return out;
    }

    /** The last event of each schedule. */
    public Map<String, Event> lastBySchedule() {
        Map<String, Event> out = new LinkedHashMap<>();
        for (Event e : read()) {
            out.put(e.schedule(), e);
        }
        return out;
    }
}

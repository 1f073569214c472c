package io.wahub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and every process it started (the embedded PostgreSQL's postmaster and backends), read
 * from {@code /proc/<pid>/stat} (user + system, clock ticks of 10 ms). Linux only; 0 elsewhere. Lets a benchmark
 * report CPU per operation, which holds when the machine is shared, where a rate does not.
 */
final class ProcessCpu {

    private static final double SECONDS_PER_TICK = 0.01;
    /**
     * The JIT has settled when its compilers took less than this many percent of a core over a warm-up round: the
     * benchmarks warm up in rounds until it has, so that they measure a hub as it runs for days, not as it starts.
     */
    static final int JIT_SETTLED_PERCENT = 5;

    private ProcessCpu() {
    }

    /**
     * Seconds of CPU used so far by this JVM, its descendants, and the PostgreSQL server whose data directory lies
     * under {@code dataDir} (the embedded one: its postmaster detaches from the JVM) with its backends; exited
     * processes excluded.
     */
    static double seconds(Path dataDir) {
        ProcessHandle self = ProcessHandle.current();
        return Stream.of(Stream.of(self), self.descendants(), postgres(dataDir)).flatMap(s -> s).distinct()
                .mapToLong(ProcessCpu::ticks).sum() * SECONDS_PER_TICK;
    }

    /** The postmaster of the PostgreSQL server whose data directory lies under {@code dataDir}, and its children. */
    static Stream<ProcessHandle> postgres(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir, 4)) {
            return files.filter(file -> file.getFileName().toString().equals("postmaster.pid")).findFirst()
                    .flatMap(file -> {
                        try {
                            return ProcessHandle.of(Long.parseLong(Files.readAllLines(file).getFirst().trim()));
                        } catch (IOException | RuntimeException e) {
                            return java.util.Optional.empty();
                        }
                    })
                    .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                            .toList().stream())
                    .orElse(Stream.empty());
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** Seconds of CPU used so far by this JVM alone. */
    static double jvmSeconds() {
        return ticks(ProcessHandle.current()) * SECONDS_PER_TICK;
    }

    /**
     * Seconds of CPU used so far by this JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 …}): what
     * of a figure is compiling, not serving. It falls to near nothing once the JIT settled, which took this hub about
     * two minutes of load.
     */
    static double jitSeconds() {
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            return threads.filter(ProcessCpu::compiler).mapToLong(thread -> threadTicks(thread)).sum()
                    * SECONDS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean compiler(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).matches("(?s)C[12] Compiler.*");
        } catch (IOException e) {
            return false; // the thread ended
        }
    }

    private static long threadTicks(Path thread) {
        try {
            return userAndSystem(Files.readString(thread.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long userAndSystem(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Clock ticks (10 ms) of CPU used so far by {@code process}; 0 when it is gone. */
    static long ticks(ProcessHandle process) {
        try {
            return userAndSystem(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

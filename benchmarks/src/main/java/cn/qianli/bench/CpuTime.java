package cn.qianli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * CPU time (user and system) spent by processes of the machine, as the kernel counts it: what a
 * server costs per instance, beside what it achieves per second.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** CPU time of the process alone (not of the processes it started). */
    static Duration of(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** CPU time of the living processes whose executable is a PostgreSQL server ({@code .../bin/postgres}). */
    static Duration postgres() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .map(CpuTime::of).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * CPU time of the JIT compiler threads of a running JVM (Linux: its threads named "C1/C2
     * CompilerThread..." in /proc), zero where that cannot be read.
     */
    static Duration compilerThreads(ProcessHandle jvm) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(jvm.pid()), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || !stat.substring(open + 1, close).contains("CompilerThre")) {
                    continue;
                }
                // after the name: state is field 3; utime and stime are fields 14 and 15
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        } catch (IOException | RuntimeException unreadable) {
            return Duration.ZERO;
        }
        // the kernel's clock ticks for these counters are 1/100 s on Linux
        return Duration.ofMillis(ticks * 10);
    }

    /** A meter that reads nothing, for a server without a separate part. */
    static Supplier<Duration> none() {
        return () -> Duration.ZERO;
    }
}

package io.wahub.bench;

import java.util.List;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/** Prints one database's figures: a column per system, then Wahub's ratio to each baseline. */
final class PerfReport {

    private static final int MIB = 1024 * 1024;

    private final List<PerfRun.Figures> figures;
    private final PerfRun.Figures wahub;
    private final List<PerfRun.Figures> baselines;

    private PerfReport(List<PerfRun.Figures> figures) {
        this.figures = figures;
        this.wahub = figures.stream().filter(f -> f.system() == PerfSystem.WAHUB).findFirst().orElse(null);
        this.baselines = figures.stream().filter(f -> f.system() != PerfSystem.WAHUB).toList();
    }

    static void print(List<PerfRun.Figures> figures, PerfSettings settings) {
        new PerfReport(figures).print(settings);
    }

    private void print(PerfSettings settings) {
        System.out.printf("%n=== Wahub performance — PostgreSQL: %s ===%n", figures.getFirst().database());
        StringBuilder header = new StringBuilder(String.format("%-58s", ""));
        figures.forEach(f -> header.append(String.format("%12s", f.system().label())));
        if (wahub != null) {
            baselines.forEach(b -> header.append(String.format("%18s", "Wahub/" + b.system().label())));
        }
        System.out.println(header);
        row("closed loop (%d connections), webhooks/s".formatted(settings.connections()), "%,.0f",
                f -> f.closed().load().ok() / f.closed().load().seconds());
        row("  CPU per webhook, ms (JVM + its PostgreSQL)", "%.3f", f -> f.closed().cpuMillisPerWebhook());
        row("  messages delivered/s during the loop", "%,.0f", f -> delivered(f, f.closed()));
        check("  not acknowledged (non-2xx or failed)", "%,.0f", f -> (double) f.closed().load().failed());
        check("  load generator, cores (sanity: it must not starve)", "%.2f", f -> f.closed().loadGeneratorCores());
        for (int i = 0; i < settings.rates().size(); i++) {
            int index = i;
            Function<PerfRun.Figures, PerfRun.Window> window = f -> f.open().get(index);
            String at = "at %,d/s ".formatted(settings.rates().get(i));
            if (i == 0) {
                row(at + "ack p50, ms", "%.1f", f -> percentile(window.apply(f).load().ack(), 50));
                row(at + "ack p99, ms", "%.1f", f -> percentile(window.apply(f).load().ack(), 99));
                row(at + "ack p99.9, ms", "%.1f", f -> percentile(window.apply(f).load().ack(), 99.9));
                row(at + "ack max, ms", "%.1f", f -> window.apply(f).load().ack().getMaxValue() / 1000.0);
                row(at + "largest gap between acks, ms", "%.1f",
                        f -> window.apply(f).load().largestGapNanos() / 1e6);
                row(at + "end to end p50 (webhook due → stub), ms", "%.1f",
                        f -> percentile(window.apply(f).endToEnd(), 50));
                row(at + "end to end p99, ms", "%.1f", f -> percentile(window.apply(f).endToEnd(), 99));
                row(at + "messages delivered/s during load", "%,.0f", f -> delivered(f, window.apply(f)));
                check(at + "checkpoints in the window", "%.0f", f -> window.apply(f).checkpoints() < 0 ? null
                        : (double) window.apply(f).checkpoints());
            } else {
                row(at + "ack p99, ms", "%.1f", f -> percentile(window.apply(f).load().ack(), 99));
            }
            row(at + "CPU per webhook, ms", "%.3f", f -> window.apply(f).cpuMillisPerWebhook());
            check(at + "not acknowledged", "%,.0f", f -> (double) window.apply(f).load().failed());
        }
        if (!settings.pause().isZero()) {
            String at = "at %,d/s, stopped %d s: ".formatted(settings.rates().getFirst(), settings.pause().toSeconds());
            row(at + "ack p99, ms", "%.1f", f -> percentile(f.paused().load().ack(), 99));
            row(at + "ack max, ms", "%.1f", f -> f.paused().load().ack().getMaxValue() / 1000.0);
            row(at + "end to end p99, ms", "%.1f", f -> percentile(f.paused().endToEnd(), 99));
            check(at + "not acknowledged", "%,.0f", f -> (double) f.paused().load().failed());
        }
        check("lowest rate's CPU per webhook ÷ closed loop's", "%.2f", f -> f.open().getLast().cpuMillisPerWebhook()
                / f.closed().cpuMillisPerWebhook());
        row("idle CPU after the load, %% of a core (%d s)".formatted(settings.idle().toSeconds()), "%.2f",
                PerfRun.Figures::idleCpuPercent);
        row("  its second half, % of a core", "%.2f", PerfRun.Figures::idleSettledCpuPercent);
        row("PSS after start, MB (JVM + its PostgreSQL)", "%,.0f", f -> (double) f.pssStarted() / MIB);
        row("PSS idle after the load, MB", "%,.0f", f -> (double) f.pssIdle() / MIB);
        row("  of which the JVM, MB", "%,.0f", f -> (double) f.jvmPssIdle() / MIB);
        check("  PostgreSQL processes counted, idle", "%.0f", f -> (double) f.postgresIdle());
        row("PSS peak (sampled every %d s), MB".formatted(settings.pssSampling().toSeconds()), "%,.0f",
                f -> (double) f.pssPeak() / MIB);
        for (PerfRun.Figures f : figures) {
            System.out.printf("  %s: %d warm-up rounds (JIT %.0f %% of the last); its log %s, the load generator's"
                    + " %s%n", f.system().label(), f.warmUpRounds(), f.warmUpJitPercent(), f.log(),
                    f.log().resolveSibling(f.log().getFileName().toString().replace("-hub.log", "-load.log")));
        }
        if (!figures.getFirst().database().startsWith("embedded")) {
            System.out.println("  (shared server: PostgreSQL figures cover the backends of the system's database; "
                    + "its background writer, checkpointer and WAL writer are the server's)");
        }
    }

    private void row(String name, String format, Function<PerfRun.Figures, Double> value) {
        row(name, format, value, true);
    }

    /** A row of counts or checks, where a ratio would mean nothing. */
    private void check(String name, String format, Function<PerfRun.Figures, Double> value) {
        row(name, format, value, false);
    }

    private void row(String name, String format, Function<PerfRun.Figures, Double> value, boolean ratio) {
        StringBuilder line = new StringBuilder(String.format("%-58s", name));
        for (PerfRun.Figures f : figures) {
            line.append(String.format("%12s", format(format, value(value, f))));
        }
        if (wahub != null && ratio) {
            Double mine = value(value, wahub);
            for (PerfRun.Figures baseline : baselines) {
                Double theirs = value(value, baseline);
                line.append(String.format("%18s", mine == null || theirs == null || theirs == 0 ? "—"
                        : String.format("%.2f×", mine / theirs)));
            }
        }
        System.out.println(line);
    }

    private static Double value(Function<PerfRun.Figures, Double> value, PerfRun.Figures f) {
        try {
            Double v = value.apply(f);
            return v == null || v.isNaN() || v.isInfinite() ? null : v;
        } catch (RuntimeException notMeasured) {
            return null;
        }
    }

    private static String format(String format, Double value) {
        return value == null ? "—" : String.format(format, value);
    }

    private static Double delivered(PerfRun.Figures f, PerfRun.Window window) {
        return f.system().delivers() ? window.deliveredPerSecond() : null;
    }

    private static Double percentile(Histogram histogram, double percentile) {
        return histogram == null || histogram.getTotalCount() == 0 ? null
                : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}

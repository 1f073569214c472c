package io.wahub.hub.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives the heap back while the node is idle. G1 returns heap at the end of a marking cycle down to
 * {@code MaxHeapFreeRatio} free: at the default 70 %, an idle hub kept some three times its live data after a burst.
 * Run at 30 % all the time, the heap would also shrink at every marking under load and young collections would come
 * that much more often (at 300 webhooks/s, one run: 20 % more CPU per webhook). So the ratios are lowered (to
 * {@value #IDLE_MIN} and {@value #IDLE_MAX} %) only while the process is idle (under {@value #IDLE_SHARE} of a core
 * since the last look) and restored at the first look that finds it working. Ratios the operator set on the command
 * line are left alone.
 *
 * <p>When a look finds the process newly idle after working, it also gives memory back at once instead of when the
 * periodic collection and native trim of {@code hub/jvm.options} next come (up to a minute each, 85 s in all after a
 * load was seen): a full collection, which compacts what the load left and shrinks the heap to the live data and the
 * idle ratio (a concurrent one, with {@code -XX:+ExplicitGCInvokesConcurrent}, frees only the regions it finds empty:
 * the JVM idled 16-51 MB larger in PerfBenchmark's runs; {@code hub/jvm.options} gives the figures), then glibc's free
 * memory trimmed (what the JIT compilers and the load's threads freed). The full collection stops the process for it
 * (93 ms for a heap of 254 MB with 54 MB live, 2 cores): once per fall into idleness (under 2 % of a core for a look's
 * interval).
 */
@Component
public class IdleHeap {

    static final double IDLE_SHARE = 0.02;
    /**
     * Memory is given back when the process falls idle after a look found it using at least this share of a core: not
     * each time a quiet process crosses the idle line (the JIT compilers finishing, a give-back's own collection).
     */
    static final double WORK_SHARE = 0.10;
    static final String MIN = "MinHeapFreeRatio";
    static final String MAX = "MaxHeapFreeRatio";
    static final String IDLE_MIN = "10";
    static final String IDLE_MAX = "20";

    static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";
    static final String TRIM = "systemTrimNativeHeap";
    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);

    private final LongSupplier cpuNanos;
    private final LongSupplier clockNanos;
    private final BiConsumer<String, String> setOption;
    private final Runnable giveBack;
    private final String busyMin;
    private final String busyMax;
    private final boolean enabled;
    private long lastCpu = -1;
    /** Whether a look found the process working (not merely above idle) since memory was last given back. */
    private boolean worked = true;
    private long lastLook;
    private boolean idle;

    @Autowired
    public IdleHeap() {
        this(ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class)::getProcessCpuTime, System::nanoTime,
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
    }

    private IdleHeap(LongSupplier cpuNanos, LongSupplier clockNanos, HotSpotDiagnosticMXBean vm) {
        this(cpuNanos, clockNanos, vm::setVMOption, IdleHeap::collectAndTrim, vm.getVMOption(MIN),
                vm.getVMOption(MAX));
    }

    IdleHeap(LongSupplier cpuNanos, LongSupplier clockNanos, BiConsumer<String, String> setOption, Runnable giveBack,
             VMOption min, VMOption max) {
        this.cpuNanos = cpuNanos;
        this.clockNanos = clockNanos;
        this.setOption = setOption;
        this.giveBack = giveBack;
        this.busyMin = min.getValue();
        this.busyMax = max.getValue();
        this.enabled = min.getOrigin() == VMOption.Origin.DEFAULT && max.getOrigin() == VMOption.Origin.DEFAULT
                && Integer.parseInt(busyMin) >= Integer.parseInt(IDLE_MIN)
                && Integer.parseInt(busyMax) >= Integer.parseInt(IDLE_MAX);
    }

    /** Looks at the CPU the process used since the last look, and sets the ratios for what it found. */
    @Scheduled(fixedDelayString = "${wahub.idle-heap.look-ms:15000}",
            initialDelayString = "${wahub.idle-heap.look-ms:15000}")
    public synchronized void look() {
        if (!enabled) {
            return;
        }
        long cpu = cpuNanos.getAsLong();
        long now = clockNanos.getAsLong();
        if (lastCpu >= 0 && now > lastLook) {
            boolean idleNow = cpu - lastCpu < IDLE_SHARE * (now - lastLook);
            worked |= cpu - lastCpu >= WORK_SHARE * (now - lastLook);
            if (idleNow != idle) {
                idle = idleNow;
                try {
                    if (idle) { // the lower bound first: MinHeapFreeRatio may never exceed MaxHeapFreeRatio
                        setOption.accept(MIN, IDLE_MIN);
                        setOption.accept(MAX, IDLE_MAX);
                        if (worked) {
                            worked = false;
                            giveBack.run();
                        }
                    } else {
                        setOption.accept(MAX, busyMax);
                        setOption.accept(MIN, busyMin);
                    }
                } catch (RuntimeException refused) {
                    LOG.debug("Could not set the heap's free ratios", refused);
                }
            }
        }
        lastCpu = cpu;
        lastLook = now;
    }

    /**
     * A collection (a full one, unless the command line made explicit collections concurrent), then the native heap
     * trimmed (a diagnostic command, as {@code jcmd System.trim_native_heap}).
     */
    private static void collectAndTrim() {
        System.gc();
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMANDS), TRIM,
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException unavailable) {
            LOG.debug("Could not trim the native heap", unavailable);
        }
    }

    /** Whether the last look found the process idle (its heap ratios lowered). */
    synchronized boolean idle() {
        return idle;
    }
}

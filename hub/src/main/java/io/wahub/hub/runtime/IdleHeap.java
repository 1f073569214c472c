package io.wahub.hub.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives the heap back while the node is idle. G1 returns heap at the end of a marking cycle down to
 * {@code MaxHeapFreeRatio} free: at the default 70 %, an idle hub kept some three times its live data after a burst.
 * Run at 30 % all the time, the heap would also shrink at every marking under load and young collections would come
 * that much more often (at 300 webhooks/s, one run: 20 % more CPU per webhook). So the ratios are lowered only while
 * the process is idle (under {@value #IDLE_SHARE} of a core since the last look) and restored at the first look that
 * finds it working; the periodic collection of {@code hub/jvm.options} ({@code G1PeriodicGCInterval}) then shrinks
 * the idle heap. Ratios the operator set on the command line are left alone.
 */
@Component
public class IdleHeap {

    static final double IDLE_SHARE = 0.02;
    static final String MIN = "MinHeapFreeRatio";
    static final String MAX = "MaxHeapFreeRatio";
    static final String IDLE_MIN = "10";
    static final String IDLE_MAX = "30";

    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);

    private final LongSupplier cpuNanos;
    private final LongSupplier clockNanos;
    private final BiConsumer<String, String> setOption;
    private final String busyMin;
    private final String busyMax;
    private final boolean enabled;
    private long lastCpu = -1;
    private long lastLook;
    private boolean idle;

    @Autowired
    public IdleHeap() {
        this(ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class)::getProcessCpuTime, System::nanoTime,
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
    }

    private IdleHeap(LongSupplier cpuNanos, LongSupplier clockNanos, HotSpotDiagnosticMXBean vm) {
        this(cpuNanos, clockNanos, vm::setVMOption, vm.getVMOption(MIN), vm.getVMOption(MAX));
    }

    IdleHeap(LongSupplier cpuNanos, LongSupplier clockNanos, BiConsumer<String, String> setOption, VMOption min,
             VMOption max) {
        this.cpuNanos = cpuNanos;
        this.clockNanos = clockNanos;
        this.setOption = setOption;
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
            if (idleNow != idle) {
                idle = idleNow;
                try {
                    if (idle) { // the lower bound first: MinHeapFreeRatio may never exceed MaxHeapFreeRatio
                        setOption.accept(MIN, IDLE_MIN);
                        setOption.accept(MAX, IDLE_MAX);
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

    /** Whether the last look found the process idle (its heap ratios lowered). */
    synchronized boolean idle() {
        return idle;
    }
}

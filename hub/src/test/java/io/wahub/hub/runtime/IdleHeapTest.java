package io.wahub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class IdleHeapTest {

    private static final long LOOK = TimeUnit.SECONDS.toNanos(15);

    private final AtomicLong cpu = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final List<String> set = new ArrayList<>();
    private final AtomicInteger givenBack = new AtomicInteger();

    private IdleHeap heap(VMOption.Origin origin) {
        return new IdleHeap(cpu::get, clock::get, (name, value) -> set.add(name + "=" + value),
                givenBack::incrementAndGet, new VMOption(IdleHeap.MIN, "40", true, origin),
                new VMOption(IdleHeap.MAX, "70", true, origin));
    }

    /** The next look comes one period later, the process having used {@code share} of a core meanwhile. */
    private void working(IdleHeap heap, double share) {
        clock.addAndGet(LOOK);
        cpu.addAndGet((long) (share * LOOK));
        heap.look();
    }

    @Test
    void anIdleProcess_getsTheLowRatios_theLowerBoundFirst_givesMemoryBackOnce_andTheDefaultsBackWhenItWorks() {
        IdleHeap heap = heap(VMOption.Origin.DEFAULT);
        heap.look();
        working(heap, 0.5);
        assertThat(set).isEmpty();

        working(heap, 0.005);
        assertThat(heap.idle()).isTrue();
        assertThat(set).containsExactly("MinHeapFreeRatio=10", "MaxHeapFreeRatio=20");
        assertThat(givenBack).hasValue(1);

        working(heap, 0.005);
        assertThat(set).hasSize(2);
        assertThat(givenBack).hasValue(1);

        working(heap, 0.3);
        assertThat(heap.idle()).isFalse();
        assertThat(set).containsExactly("MinHeapFreeRatio=10", "MaxHeapFreeRatio=20",
                "MaxHeapFreeRatio=70", "MinHeapFreeRatio=40");
        assertThat(givenBack).hasValue(1);

        working(heap, 0.005);
        assertThat(givenBack).hasValue(2);
    }

    @Test
    void aQuietProcessCrossingTheIdleLine_getsItsRatiosSwitched_butGivesMemoryBackOnlyAfterWorking() {
        IdleHeap heap = heap(VMOption.Origin.DEFAULT);
        heap.look();
        working(heap, 0.005);
        assertThat(givenBack).hasValue(1);

        working(heap, 0.05); // above idle, below work: the JIT compilers finishing, a collection
        assertThat(heap.idle()).isFalse();
        working(heap, 0.005);
        assertThat(heap.idle()).isTrue();
        assertThat(set).hasSize(6);
        assertThat(givenBack).hasValue(1);

        working(heap, 0.2);
        working(heap, 0.005);
        assertThat(givenBack).hasValue(2);
    }

    @Test
    void ratiosTheOperatorSet_areLeftAlone() {
        IdleHeap heap = heap(VMOption.Origin.VM_CREATION);
        heap.look();
        working(heap, 0);
        working(heap, 0);
        assertThat(heap.idle()).isFalse();
        assertThat(set).isEmpty();
        assertThat(givenBack).hasValue(0);
    }

    @Test
    void theRunningJvm_acceptsTheRatiosInThatOrder() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption(IdleHeap.MIN).getValue();
        String max = vm.getVMOption(IdleHeap.MAX).getValue();
        try {
            vm.setVMOption(IdleHeap.MIN, IdleHeap.IDLE_MIN);
            vm.setVMOption(IdleHeap.MAX, IdleHeap.IDLE_MAX);
            assertThat(vm.getVMOption(IdleHeap.MAX).getValue()).isEqualTo(IdleHeap.IDLE_MAX);
        } finally {
            vm.setVMOption(IdleHeap.MAX, max);
            vm.setVMOption(IdleHeap.MIN, min);
        }
        assertThat(vm.getVMOption(IdleHeap.MIN).getValue()).isEqualTo(min);
    }

    @Test
    void theRunningJvm_offersTheNativeTrimCommand() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        assertThat(server.getMBeanInfo(new ObjectName(IdleHeap.DIAGNOSTIC_COMMANDS)).getOperations())
                .extracting(MBeanOperationInfo::getName).contains(IdleHeap.TRIM);
    }
}

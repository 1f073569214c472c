package io.wahub.bench;

import io.wahub.hub.HubProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The packaged hub ({@code wahub.hub.jar}, default {@code target/wahub-hub.jar}) running as an operating-system
 * process of its own, so the benchmark's load generator does not share its JVM (heap, GC, JIT, safepoints). Its heap
 * is watched over JMX remote on a local port; its output goes to a log file next to its data directory.
 */
final class ForkedHub implements AutoCloseable {

    /**
     * The options file the README runs the hub with ({@code wahub.hub.jvm-options}, default {@code jvm.options} in
     * the hub module, where the benchmark runs).
     */
    static final Path JVM_OPTIONS = Path.of(System.getProperty("wahub.hub.jvm-options", "jvm.options"))
            .toAbsolutePath();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Thread stopOnExit;
    final int port;
    final Path log;
    private JMXConnector jmx;
    private MBeanServerConnection management;

    private ForkedHub(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopOnExit = new Thread(this::stop, "stop-forked-hub");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the hub with the JVM options it is run with ({@link #JVM_OPTIONS}, then {@code bench.hub-jvm-args})
     * and the given command-line arguments, and waits until it is ready.
     */
    static ForkedHub start(Path dataDir, List<String> arguments) throws IOException {
        Path jar = Path.of(System.getProperty("wahub.hub.jar", "target/wahub-hub.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no hub jar at " + jar + ": package the hub first, or set wahub.hub.jar");
        }
        return start(dataDir, List.of("-jar", jar.toString()), arguments);
    }

    /**
     * Starts {@code mainClass} from this JVM's class path as a process of its own, with the hub's JVM options, the
     * same way as the hub (a server that answers {@code /actuator/health/readiness} on {@code --server.port}): the
     * benchmark's bare baselines. {@code jvmArguments} come after the hub's options, and win.
     */
    static ForkedHub startMain(Path dataDir, List<String> jvmArguments, String mainClass, List<String> arguments)
            throws IOException {
        List<String> launch = new ArrayList<>(jvmArguments);
        launch.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return start(dataDir, launch, arguments);
    }

    private static ForkedHub start(Path dataDir, List<String> launch, List<String> arguments) throws IOException {
        if (!Files.isRegularFile(JVM_OPTIONS)) {
            throw new IllegalStateException("no JVM options at " + JVM_OPTIONS + ": set wahub.hub.jvm-options");
        }
        int port = freePort();
        int jmxPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "@" + JVM_OPTIONS,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        command.addAll(extraJvmArguments());
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.addAll(arguments);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-hub.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("WAHUB_DB_URL"); // the benchmark chooses the database
        ForkedHub hub = new ForkedHub(builder.start(), port, log);
        try {
            HubProcess.awaitReady(hub.process, hub.port, hub.log, READY_TIMEOUT);
            hub.connectJmx(jmxPort);
        } catch (IOException | RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    /** The hub's JVM options as the benchmark prints them: the options file's, then {@code bench.hub-jvm-args}. */
    static String jvmOptions() {
        List<String> options = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(JVM_OPTIONS)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    options.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.addAll(extraJvmArguments());
        return String.join(" ", options);
    }

    private static List<String> extraJvmArguments() {
        String arguments = System.getProperty("bench.hub-jvm-args", "");
        return arguments.isBlank() ? List.of() : List.of(arguments.trim().split("\\s+"));
    }

    /** Collects garbage in the hub, then resets its heap pools' peak usage: what follows is what gets measured. */
    void resetPeakHeap() throws IOException {
        ManagementFactory.getPlatformMXBean(management, MemoryMXBean.class).gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the hub's heap pools' peak usage since {@link #resetPeakHeap()}. */
    long peakHeapBytes() throws IOException {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** Time the hub's JIT compilers have spent compiling so far, summed over its compiler threads. */
    Duration compilation() throws IOException {
        return Duration.ofMillis(ManagementFactory.getPlatformMXBean(management, CompilationMXBean.class)
                .getTotalCompilationTime());
    }

    /** CPU time the hub's JVM has used so far (its embedded PostgreSQL, a separate process, not included). */
    long cpuNanos() {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** The process id of the hub's JVM. */
    long pid() {
        return process.pid();
    }

    /** Stops the hub's JVM ({@code SIGSTOP}, its PostgreSQL left running) for {@code pause}, then lets it go on. */
    void pause(Duration pause) throws IOException, InterruptedException {
        signal("STOP");
        try {
            Thread.sleep(pause);
        } finally {
            signal("CONT");
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    private List<MemoryPoolMXBean> heapPools() throws IOException {
        return ManagementFactory.getPlatformMXBeans(management, MemoryPoolMXBean.class).stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private void connectJmx(int jmxPort) throws IOException {
        jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                + "/jmxrmi"));
        management = jmx.getMBeanServerConnection();
    }

    /** SIGTERM, which the hub answers with a graceful shutdown (its embedded PostgreSQL included). */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the hub is stopped either way
        }
    }

    private void stop() {
        try {
            if (jmx != null) {
                jmx.close();
            }
        } catch (IOException alreadyGone) {
            // the hub is being stopped anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.civstart.chaos.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of a service process: heap in use right after a full GC (from its own metrics) and resident set size. */
public final class Memory {

    private Memory() {}

    /** Runs a full GC in the process ({@code jcmd GC.run}) and reads {@code jvm_memory_used_bytes{area="heap"}} right after. */
    public static double heapAfterGcMiB(Service s) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(s.process().process().pid()),
                        "GC.run")
                .redirectErrorStream(true)
                .start();
        jcmd.getInputStream().readAllBytes();
        jcmd.waitFor();
        Thread.sleep(500);
        return s.metric("jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20);
    }

    public static double rssMiB(Service s) throws IOException {
        for (String line : Files.readAllLines(
                Path.of("/proc", String.valueOf(s.process().process().pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}

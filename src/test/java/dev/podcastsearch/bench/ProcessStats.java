package dev.podcastsearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running function JVM has used: CPU time, which is what a Lambda function's share of a vCPU is spent on (at
 * 1024 MB about 0.6 of one), so it is the steadier measure of work on a shared machine; and memory, as Lambda's
 * "Max Memory Used" sees it and as the heap holds it.
 */
final class ProcessStats {

    private static final int CLOCK_TICKS_PER_SECOND = 100;
    // JDK 17 names the serial collector's generations "def new generation" and "tenured generation", JDK 25 "DefNew"
    // and "Tenured".
    private static final Pattern USED = Pattern.compile("(generation|DefNew|Tenured|Metaspace)\\s+.*?used (\\d+)K");

    /** The heap in use right after a full collection, and the metaspace, in KiB. */
    record Heap(long liveKb, long metaspaceKb) {
    }

    private ProcessStats() {
    }

    /** CPU time used so far, user and system, all threads including those that ended; 10 ms resolution. */
    static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
    }

    /** The peak resident set size so far ({@code VmHWM}), in KiB. */
    static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IOException("no VmHWM in /proc/" + pid + "/status");
    }

    /** Runs a full GC in the JVM with jcmd, then reads what is left in the heap generations and the metaspace. */
    static Heap afterFullGc(Path javaHome, long pid) throws IOException, InterruptedException {
        jcmd(javaHome, pid, "GC.run");
        String info = jcmd(javaHome, pid, "GC.heap_info");
        long heap = 0;
        long metaspace = 0;
        Matcher used = USED.matcher(info);
        while (used.find()) {
            if (used.group(1).equals("Metaspace")) {
                metaspace = Long.parseLong(used.group(2));
            } else {
                heap += Long.parseLong(used.group(2));
            }
        }
        if (heap == 0) {
            throw new IOException("cannot read the heap from: " + info);
        }
        return new Heap(heap, metaspace);
    }

    private static String jcmd(Path javaHome, long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(javaHome.resolve("bin/jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }
}

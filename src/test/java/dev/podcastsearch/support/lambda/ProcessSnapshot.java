package dev.podcastsearch.support.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running JVM holds, seen from outside: its open sockets (from {@code /proc/<pid>/fd}, each TCP one named by
 * the peer it talks to), its threads ({@code /proc/<pid>/status}), the heap its live objects fill and the metaspace
 * in use ({@code jcmd}). Linux only.
 *
 * <p>
 * The live heap is the total of {@code GC.class_histogram}, which collects first and then counts only reachable
 * objects. The "used" of {@code GC.heap_info} would not do: any allocation after the collection, by the attach
 * listener itself for one, claims a whole thread-local allocation buffer (about a megabyte here), so it jumps by that
 * much from one snapshot to the next with nothing retained.
 *
 * <p>
 * The first {@code jcmd} starts the JVM's attach listener, a thread and a socket of its own; {@link #take} therefore
 * asks {@code jcmd} first and counts afterwards, so that every snapshot of one process counts them alike.
 *
 * @param socketsByPeer open sockets by what they connect to: a name given for the remote port, else "other"
 *            (listening and UNIX sockets, and TCP ones to unnamed ports)
 */
public record ProcessSnapshot(int sockets, Map<String, Integer> socketsByPeer, int threads, long liveHeapKb,
        long metaspaceUsedKb) {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    /** The first "Both" line of {@code VM.metaspace}, its total usage; JDK 25's {@code GC.heap_info} no longer says. */
    private static final Pattern METASPACE_USED = Pattern.compile(
            "(?m)^\\s*Both:.*committed,\\s+([\\d.]+) (bytes|KB|MB|GB) \\([^)]*\\) used");
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final long JCMD_LIMIT_SECONDS = 60;

    /**
     * Collects garbage in {@code pid} twice (the histogram's own collection then frees what the first only made
     * unreachable, such as cleaner-held buffers), counts the live heap, then sockets and threads.
     *
     * @param javaHome the JDK that runs {@code pid}: its {@code jcmd} attaches to it
     * @param peersByPort names for remote TCP ports, e.g. the Runtime API's and each source's
     */
    public static ProcessSnapshot take(long pid, Path javaHome, Map<Integer, String> peersByPort) {
        jcmd(javaHome, pid, "GC.run");
        long liveHeapBytes = number(HISTOGRAM_TOTAL, jcmd(javaHome, pid, "GC.class_histogram"));
        long metaspaceKb = metaspaceUsedKb(jcmd(javaHome, pid, "VM.metaspace"));
        Map<String, Integer> sockets = sockets(pid, peersByPort);
        return new ProcessSnapshot(sockets.values().stream().mapToInt(Integer::intValue).sum(), sockets,
                threads(pid), liveHeapBytes / 1024, metaspaceKb);
    }

    /** Every thread's stack in {@code pid}, as {@code jcmd Thread.print} gives them. */
    public static String threadDump(long pid, Path javaHome) {
        return jcmd(javaHome, pid, "Thread.print");
    }

    private static long metaspaceUsedKb(String report) {
        Matcher used = METASPACE_USED.matcher(report);
        if (!used.find()) {
            throw new IllegalStateException(METASPACE_USED + " not found in:\n" + report);
        }
        double kb = Double.parseDouble(used.group(1)) * switch (used.group(2)) {
            case "bytes" -> 1.0 / 1024;
            case "KB" -> 1;
            case "MB" -> 1024;
            default -> 1024 * 1024;
        };
        return Math.round(kb);
    }

    private static long number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not found in:\n" + text);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static int threads(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("Threads:"))
                    .map(line -> Integer.parseInt(line.substring("Threads:".length()).trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no thread count in /proc/" + pid + "/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }

    private static Map<String, Integer> sockets(long pid, Map<Integer, String> peersByPort) {
        Map<Long, Integer> remotePortByInode = remoteTcpPorts(pid);
        Map<String, Integer> byPeer = new TreeMap<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            descriptors.forEach(descriptor -> {
                Matcher socket = SOCKET_LINK.matcher(link(descriptor));
                if (socket.matches()) {
                    Integer port = remotePortByInode.get(Long.parseLong(socket.group(1)));
                    byPeer.merge(port == null ? "other" : peersByPort.getOrDefault(port, "other"), 1, Integer::sum);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/" + pid + "/fd", e);
        }
        return byPeer;
    }

    /** A descriptor's target; empty if it was closed while the directory was listed. */
    private static String link(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + descriptor, e);
        }
    }

    /** The remote port of every connected TCP socket in the process's network namespace, by inode. */
    private static Map<Long, Integer> remoteTcpPorts(long pid) {
        Map<Long, Integer> ports = new HashMap<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    String[] columns = line.trim().split("\\s+");
                    String remote = columns[2];
                    int port = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                    if (port != 0) {
                        ports.put(Long.parseLong(columns[9]), port);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return ports;
    }

    private static String jcmd(Path javaHome, long pid, String command) {
        Path jcmd = javaHome.resolve("bin/jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JCMD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(jcmd + " " + pid + " " + command + " did not finish in " + JCMD_LIMIT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(jcmd + " " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running jcmd", e);
        }
    }
}

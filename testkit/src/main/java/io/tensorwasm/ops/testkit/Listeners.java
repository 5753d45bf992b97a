package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP ports a process and its descendants listen on, read from Linux's {@code /proc} (no {@code
 * ss} or {@code netstat} needed): for the tests that hold every listener to loopback.
 *
 * <pre>{@code
 * assertThat(Listeners.of(twops.pid())).allMatch(Listeners.Listener::loopback);
 * }</pre>
 */
public final class Listeners {

    private static final Path PROC = Path.of("/proc");

    private Listeners() {}

    /**
     * One listening socket.
     *
     * @param pid the process holding it
     * @param command the process's command name
     * @param address the address it listens on
     * @param port its port
     */
    public record Listener(long pid, String command, InetAddress address, int port) {

        /** True when only this host can reach it. */
        public boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return command + "[" + pid + "] " + address.getHostAddress() + ":" + port;
        }
    }

    /** Every listener of the process and of every process below it. */
    public static List<Listener> of(long pid) {
        Map<Long, Listener> byInode = listening();
        List<Listener> found = new ArrayList<>();
        for (long process : family(pid)) {
            for (long inode : sockets(process)) {
                Listener l = byInode.get(inode);
                if (l != null) {
                    found.add(new Listener(process, command(process), l.address(), l.port()));
                }
            }
        }
        return found;
    }

    /** The process and its descendants, by parent pid. */
    private static Set<Long> family(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> all = Files.list(PROC)) {
            for (Path p : all.toList()) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    parent(Long.parseLong(name))
                            .ifPresent(
                                    ppid ->
                                            children.computeIfAbsent(ppid, k -> new ArrayList<>())
                                                    .add(Long.parseLong(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        Set<Long> family = new HashSet<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long next = todo.remove(todo.size() - 1);
            if (family.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return family;
    }

    private static java.util.Optional<Long> parent(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return java.util.Optional.of(Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException gone) {
            return java.util.Optional.empty();
        }
    }

    private static String command(long pid) {
        try {
            return Files.readString(PROC.resolve(pid + "/comm")).strip();
        } catch (IOException gone) {
            return "?";
        }
    }

    private static Set<Long> sockets(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor closed while we read the list.
                }
            }
        } catch (IOException gone) {
            // The process ended while we looked.
        }
        return inodes;
    }

    /** Every listening TCP socket of the host, by inode. */
    private static Map<Long, Listener> listening() {
        Map<Long, Listener> byInode = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(PROC.resolve(table));
            } catch (IOException missing) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 9 && f[3].equals("0A")) {
                    String[] local = f[1].split(":");
                    byInode.put(
                            Long.parseLong(f[9]),
                            new Listener(0, "", address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return byInode;
    }

    /** A {@code /proc/net/tcp} address: hex, each 32-bit word in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = (word * 4 + (3 - b)) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(hex + ": not an address", e);
        }
    }
}

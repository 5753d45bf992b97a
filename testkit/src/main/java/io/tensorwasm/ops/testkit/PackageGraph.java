package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a module imports which, read from its sources, for the tests that pin a module's
 * layering: no import cycle between its packages, and the packages that must not see each other.
 *
 * <pre>{@code
 * PackageGraph graph = PackageGraph.of(Path.of("src/main/java"), "io.tensorwasm.ops.oncall");
 * assertThat(graph.cycles()).isEmpty();
 * assertThat(graph.imports("io.tensorwasm.ops.oncall.paging")).doesNotContain("...desk");
 * }</pre>
 */
public final class PackageGraph {

    private static final Pattern PACKAGE =
            Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile(
                    "^import (?:static )?((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]", Pattern.MULTILINE);

    private final Map<String, Set<String>> edges;

    private PackageGraph(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /**
     * Reads every source file under the folder and keeps the imports between packages under the
     * root package; imports and fully qualified names both count.
     */
    public static PackageGraph of(Path sources, String rootPackage) {
        Map<String, Set<String>> edges = new TreeMap<>();
        Pattern qualified =
                Pattern.compile("\\b(" + Pattern.quote(rootPackage) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find() || !within(pkg.group(1), rootPackage)) {
                    continue;
                }
                String from = pkg.group(1);
                Set<String> to = edges.computeIfAbsent(from, p -> new TreeSet<>());
                for (Pattern p : List.of(IMPORT, qualified)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        if (within(m.group(1), rootPackage) && !m.group(1).equals(from)) {
                            to.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(sources + ": cannot read the sources", e);
        }
        if (edges.isEmpty()) {
            throw new IllegalArgumentException(
                    sources + ": no source file of package " + rootPackage);
        }
        return new PackageGraph(edges);
    }

    /** The packages read, in order. */
    public Set<String> packages() {
        return new TreeSet<>(edges.keySet());
    }

    /** The packages of the root that a package imports. */
    public Set<String> imports(String fromPackage) {
        return edges.getOrDefault(fromPackage, Set.of());
    }

    /**
     * Every import cycle, each as its packages in order of the cycle and closed ({@code a -> b ->
     * a}); empty when the packages form layers.
     */
    public List<String> cycles() {
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected()) {
            if (component.size() > 1) {
                cycles.add(describe(component));
            }
        }
        return cycles;
    }

    private String describe(Set<String> component) {
        String start = component.iterator().next();
        List<String> path = new ArrayList<>(List.of(start));
        String at = start;
        Set<String> seen = new TreeSet<>(List.of(start));
        while (true) {
            String next =
                    imports(at).stream().filter(component::contains).findFirst().orElseThrow();
            path.add(next);
            if (seen.contains(next)) {
                return String.join(" -> ", path);
            }
            seen.add(next);
            at = next;
        }
    }

    /** Tarjan's strongly connected components over the import edges. */
    private List<Set<String>> stronglyConnected() {
        Tarjan tarjan = new Tarjan();
        for (String node : edges.keySet()) {
            if (!tarjan.index.containsKey(node)) {
                tarjan.connect(node);
            }
        }
        return tarjan.components;
    }

    /** One walk of Tarjan's algorithm and what it has found so far. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> components = new ArrayList<>();
        private int counter;

        private void connect(String node) {
            index.put(node, counter);
            low.put(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
            for (String next : imports(node)) {
                if (!index.containsKey(next)) {
                    connect(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                components.add(component);
            }
        }
    }

    private static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }
}

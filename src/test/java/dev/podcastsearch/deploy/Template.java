package dev.podcastsearch.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A SAM template read as plain maps, with accessors that fail with the missing key's name. */
final class Template {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final Path directory;
    private final Map<String, Object> root;

    private Template(Path directory, Map<String, Object> root) {
        this.directory = directory;
        this.root = root;
    }

    static Template load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new CloudFormationTags(new LoaderOptions())).load(reader);
            return new Template(file.getParent(), root);
        }
    }

    /** The folder relative paths in the template start from, as SAM resolves them. */
    Path directory() {
        return directory;
    }

    /** The whole template, as read: mutable maps and lists. */
    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> resources() {
        return child(root, "Resources");
    }

    Map<String, Object> resource(String name) {
        return child(resources(), name);
    }

    Map<String, Object> properties(Map<String, Object> resource) {
        return child(resource, "Properties");
    }

    /**
     * A function's environment variables as SAM deploys them: the template's {@code Globals} for every function, with
     * the function's own over them.
     */
    Map<String, Object> environment(String function) {
        Map<String, Object> variables = new TreeMap<>();
        Object globals = root.get("Globals");
        if (globals != null) {
            variables.putAll(variables(asMap(globals).get("Function")));
        }
        variables.putAll(variables(resource(function).get("Properties")));
        return variables;
    }

    private static Map<String, Object> variables(Object properties) {
        if (properties == null || asMap(properties).get("Environment") == null) {
            return Map.of();
        }
        return asMap(asMap(asMap(properties).get("Environment")).get("Variables"));
    }

    Map<String, Object> mapping(String name) {
        return child(child(root, "Mappings"), name);
    }

    Map<String, Object> parameter(String name) {
        return child(child(root, "Parameters"), name);
    }

    Object condition(String name) {
        return require(child(root, "Conditions"), name);
    }

    Map<String, Object> output(String name) {
        return child(child(root, "Outputs"), name);
    }

    /** A property of a resource. */
    Object property(Map<String, Object> resource, String key) {
        return require(properties(resource), key);
    }

    String string(Map<String, Object> resource, String key) {
        return (String) property(resource, key);
    }

    Map<String, Object> map(Map<String, Object> resource, String key) {
        return asMap(property(resource, key));
    }

    /** A value as CloudFormation would see it when every parameter keeps its default. */
    String resolveWithDefaults(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> function = asMap(value);
        if (function.containsKey("Ref")) {
            return String.valueOf(parameter((String) function.get("Ref")).get("Default"));
        }
        if (function.containsKey("Fn::Sub")) {
            Matcher names = SUBSTITUTION.matcher((String) function.get("Fn::Sub"));
            StringBuilder resolved = new StringBuilder();
            while (names.find()) {
                names.appendReplacement(resolved,
                        Matcher.quoteReplacement(String.valueOf(parameter(names.group(1)).get("Default"))));
            }
            return names.appendTail(resolved).toString();
        }
        throw new AssertionError("cannot resolve " + value);
    }

    /** Whether the value, anywhere within a resource, equals the given one. */
    static boolean mentions(Object tree, Object value) {
        if (tree.equals(value)) {
            return true;
        }
        if (tree instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(child -> child != null && mentions(child, value));
        }
        if (tree instanceof Collection<?> list) {
            return list.stream().anyMatch(child -> child != null && mentions(child, value));
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> child(Map<String, Object> map, String key) {
        return asMap(require(map, key));
    }

    private static Object require(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new AssertionError("the template has no " + key + " (found " + map.keySet() + ")");
        }
        return value;
    }

    /**
     * CloudFormation's short tags as the long form they stand for: {@code !Ref X} as {"Ref": "X"},
     * {@code !Sub s} as {"Fn::Sub": "s"}, {@code !GetAtt A.B} as {"Fn::GetAtt": ["A", "B"]}, and so on.
     */
    private static final class CloudFormationTags extends SafeConstructor {

        CloudFormationTags(LoaderOptions options) {
            super(options);
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    String key = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                    return Map.of(key, value(tag, node));
                }
            });
        }

        private Object value(String tag, Node node) {
            if (node instanceof ScalarNode scalar) {
                String text = constructScalar(scalar);
                return tag.equals("GetAtt") ? List.of(text.split("\\.", 2)) : text;
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }
}

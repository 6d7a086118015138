package dev.podcastsearch.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns JSON nodes into the strings an assertion compares, so a JSON array reads as a list in a test. */
public final class JsonTexts {

    private JsonTexts() {
    }

    /**
     * The text of each node, numbers included ({@code 323} becomes "323"): of an array's elements, or of the list
     * {@link JsonNode#findValues(String)} gives. Empty for a missing node.
     */
    public static List<String> of(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        if (nodes != null) {
            nodes.forEach(node -> texts.add(node.asText()));
        }
        return texts;
    }
}

package dev.podcastsearch.support.input;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How many cases a property-based test tries, and from which seed: by default each property's own tries from a fixed
 * seed, so that {@code ./mvnw verify} runs the same cases every time; {@code -Dfuzz.tries=N} tries N cases per property
 * (examples stay one case each)
 * and {@code -Dfuzz.seed=S} starts from seed S, or from a new one each run with {@code -Dfuzz.seed=random}
 * ({@code -Pfuzz} sets both for a long run). jqwik prints the seed of every run, so a failure can be repeated.
 */
public class FuzzRun implements AroundPropertyHook {

    public static final String DEFAULT_SEED = "20261201";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty("fuzz.seed", "").isBlank() ? DEFAULT_SEED : System.getProperty("fuzz.seed");
        if (!seed.equals("random")) {
            context.attributes().setSeed(seed);
        }
        Integer tries = Integer.getInteger("fuzz.tries");
        if (tries != null && !context.targetMethod().isAnnotationPresent(Example.class)) {
            context.attributes().setTries(tries);
        }
        return property.execute();
    }

    /** Added to a test class, so it applies to the class's properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** Outermost, so that the attributes are set before jqwik's own hooks read them to start the property. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}

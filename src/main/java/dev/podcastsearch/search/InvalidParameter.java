package dev.podcastsearch.search;

/** A request parameter that breaks a rule; the message says which rule, so the caller can fix it. */
public class InvalidParameter extends RuntimeException {

    private final String parameter;

    InvalidParameter(String parameter, String rule) {
        super(rule, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}

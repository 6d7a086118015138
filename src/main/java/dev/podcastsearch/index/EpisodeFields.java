package dev.podcastsearch.index;

/**
 * The fields of an episode's document, one place for their names and weights. Every document has a {@link #KIND};
 * transcript segments and chapters will be documents of their own kinds that carry their episode's {@link #ID}, so an
 * episode search filters on its kind and is not changed by them.
 */
final class EpisodeFields {

    static final String KIND = "kind";
    static final String EPISODE_KIND = "episode";
    /** Stored. */
    static final String ID = "id";
    /** Searched with offsets (for highlights) and stored. */
    static final String TITLE = "title";
    /** The searched description: searched with offsets and stored. */
    static final String DESCRIPTION = "description";
    /** Stored only: the trimmed description a hit shows. */
    static final String SHOWN_DESCRIPTION = "shown_description";
    /** Stored only. */
    static final String URL = "url";
    /** Epoch milliseconds, stored and sorted on; absent when the feed gives no date. */
    static final String PUBLISHED = "published";
    /** The episode's place in its feed, sorted on: the last tie-break. */
    static final String POSITION = "position";

    /** A title match weighs three description matches; chapter titles and transcripts will sit below the title. */
    static final float TITLE_WEIGHT = 3f;
    static final float DESCRIPTION_WEIGHT = 1f;

    private EpisodeFields() {
    }
}

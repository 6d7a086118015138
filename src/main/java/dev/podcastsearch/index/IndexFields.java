package dev.podcastsearch.index;

/**
 * The fields of the index's documents, one place for their names and weights. Every document has a {@link #KIND}: an
 * episode ({@link EpisodeIndex}), or a moment of one ({@link MomentIndex}: a passage of its transcript, or a chapter)
 * that carries its episode's id ({@link #TRANSCRIPT_EPISODE}, {@link #CHAPTER_EPISODE}). Each kind has its own searched field, so one query searches them
 * all, each field with its weight, and a search splits the hits by kind.
 */
final class IndexFields {

    static final String KIND = "kind";
    static final String EPISODE_KIND = "episode";
    static final String TRANSCRIPT_KIND = "transcript";
    static final String CHAPTER_KIND = "chapter";
    /** Stored, and doc values (episodes). */
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

    /** A moment's episode id, as doc values named by its kind, so that a search keeps the best one of each kind. */
    static final String TRANSCRIPT_EPISODE = "transcript_episode";
    static final String CHAPTER_EPISODE = "chapter_episode";
    /** A moment's file, {@code <episode id>/<kind>}: indexed whole, so that a file's moments are replaced at once. */
    static final String FILE = "file";
    /** A transcript passage's text: searched with offsets and stored. */
    static final String TRANSCRIPT = "transcript";
    /** A chapter's title: searched with offsets and stored. */
    static final String CHAPTER = "chapter";
    /** Stored only: who speaks in a passage, when the transcript says. */
    static final String SPEAKER = "speaker";
    /**
     * Stored only, one value per cue of a moment, in order: where the cue's text begins in the moment's text, and its
     * start and end in seconds ({@code NaN} when unknown).
     */
    static final String CUE_OFFSET = "cue_offset";
    static final String CUE_START = "cue_start";
    static final String CUE_END = "cue_end";

    /** Title above chapter titles above description above transcript, as the issue orders them. */
    static final float TITLE_WEIGHT = 3f;
    static final float CHAPTER_WEIGHT = 2f;
    static final float DESCRIPTION_WEIGHT = 1f;
    static final float TRANSCRIPT_WEIGHT = 0.5f;

    private IndexFields() {
    }
}

package dev.podcastsearch.source.moment;

/**
 * One stretch of a transcript as its file gives it (a JSON segment, a WebVTT or SRT cue, an HTML paragraph, or all of
 * a plain text): its text, plain, and who says it and when (seconds), each null where the file does not say.
 */
record Segment(Double startS, Double endS, String speaker, String text) {
}

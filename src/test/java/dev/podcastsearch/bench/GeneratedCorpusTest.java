package dev.podcastsearch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.bench.GeneratedCorpus.Traffic;
import dev.podcastsearch.index.Moment;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.feed.FeedReadBack;
import dev.podcastsearch.source.moment.Chapters;
import dev.podcastsearch.source.moment.Transcript;

/**
 * The generated corpus, fetched over HTTP and read by the function's own parsers: a show's feed is every episode with
 * its transcript and chapters, a transcript is an hour of two people talking about the episode's topics, the host
 * answers conditional GETs as a CDN does, and a new episode changes its feed and nothing else.
 */
class GeneratedCorpusTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int SHOW = 1;

    private GeneratedCorpus corpus;

    @BeforeEach
    void start() {
        corpus = GeneratedCorpus.start(2, GeneratedCorpus.EPISODES, GeneratedCorpus.WORDS, GeneratedCorpus.SEED);
    }

    @AfterEach
    void close() throws IOException {
        corpus.close();
    }

    @Test
    void aShowsFeedReadsIntoEveryEpisodeNewestFirstWithItsTranscriptAndChapters() throws Exception {
        HttpResponse<byte[]> feed = get(corpus.feedUrl(SHOW), null);

        List<Hit> hits = FeedReadBack.hits(GeneratedCorpus.sourceId(SHOW), feed.body());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(hits).hasSize(GeneratedCorpus.EPISODES);
        assertThat(hits).extracting(Hit::episode).containsExactlyElementsOf(
                IntStream.iterate(GeneratedCorpus.EPISODES, n -> n >= 1, n -> n - 1).mapToObj(n -> (long) n).toList());
        String base = corpus.baseUrl(SHOW);
        for (Hit hit : hits) {
            GeneratedEpisode episode = corpus.episode(SHOW, hit.episode().intValue());
            String page = base + "/episodes/" + hit.episode();
            assertThat(hit.title()).isEqualTo(episode.title());
            assertThat(hit.transcriptUrl()).isEqualTo(page + "/transcript.vtt");
            assertThat(hit.chaptersUrl()).isEqualTo(page + "/chapters.json");
            assertThat(hit.audioUrl()).isEqualTo(page + ".mp3");
            assertThat(hit.durationS()).isEqualTo(episode.durationS()).isBetween(3_000L, 4_200L);
            assertThat(hit.published()).isEqualTo(episode.published().toString());
            assertThat(hit.persons()).extracting(Hit.Person::name).containsExactly(episode.host(), episode.guest());
        }
    }

    @Test
    void aTranscriptReadsIntoPassagesOfAllItsWordsSpokenByTheHostAndTheGuest() throws Exception {
        GeneratedEpisode episode = corpus.episode(SHOW, 150);

        List<Moment> passages = Transcript.read(get(corpus.baseUrl(SHOW) + "/episodes/150/transcript.vtt", null).body());

        assertThat(words(passages)).isEqualTo(episode.words()).isBetween(8_550, 9_450);
        assertThat(passages).extracting(Moment::speaker).containsOnly(episode.host(), episode.guest())
                .contains(episode.host(), episode.guest());
        List<Moment.Cue> cues = passages.stream().flatMap(passage -> passage.cues().stream()).toList();
        // A cue about every ten seconds, in order, up to the episode's duration.
        assertThat(cues).hasSize(Math.round(episode.durationS() / 10f));
        assertThat(cues).extracting(Moment.Cue::startS).isSorted().first().isEqualTo(0.0);
        assertThat(cues.get(cues.size() - 1).endS()).isEqualTo((double) episode.durationS());
        assertThat(passages.get(passages.size() - 1).text()).endsWith(GeneratedCorpus.LAST_WORD + ".");
    }

    @Test
    void aChaptersFileReadsIntoTenChaptersAcrossTheEpisode() throws Exception {
        GeneratedEpisode episode = corpus.episode(SHOW, 7);

        List<Moment> chapters = Chapters.read(get(corpus.baseUrl(SHOW) + "/episodes/7/chapters.json", null).body());

        assertThat(chapters).hasSize(10);
        assertThat(chapters.get(0).text()).isEqualTo("Welcome, and meet " + episode.guest());
        List<Double> starts = chapters.stream().map(chapter -> chapter.cues().get(0).startS()).toList();
        assertThat(starts).first().isEqualTo(0.0);
        assertThat(starts).doesNotHaveDuplicates().isSorted().allMatch(start -> start < episode.durationS());
    }

    @Test
    void anEpisodesTopicsAreSaidInItsTranscriptAndOnlyNowAndThenInOthers() {
        GeneratedEpisode episode = corpus.episode(SHOW, 42);
        String topic = episode.topics().get(0);

        String transcript = text(Transcript.read(episode.transcript()));
        assertThat(episode.description()).contains(episode.topics().get(0), episode.topics().get(1));
        assertThat(transcript.split("\\b" + topic + "\\b", -1).length - 1).isGreaterThanOrEqualTo(5);
        assertThat(GeneratedSpeech.english().vocabulary()).doesNotContainAnyElementsOf(GeneratedSpeech.TOPICS)
                .doesNotContain(GeneratedCorpus.LAST_WORD);
        Pattern said = Pattern.compile("\\b" + topic + "\\b");
        long saying = IntStream.rangeClosed(1, GeneratedCorpus.EPISODES)
                .filter(n -> said.matcher(new String(corpus.episode(SHOW, n).transcript(), StandardCharsets.UTF_8)).find())
                .count();
        // Found in some episodes' moments, not in most: a query for it has something to rank.
        assertThat(saying).isBetween(5L, GeneratedCorpus.EPISODES / 2L);
    }

    @Test
    void wordsAreDrawnByZipfsLawFromAVocabularyOfThousands() {
        String[] words = text(Transcript.read(corpus.episode(SHOW, 3).transcript())).toLowerCase(Locale.ROOT).split("[^a-z']+");
        Map<String, Integer> counts = new HashMap<>();
        Arrays.stream(words).filter(word -> !word.isEmpty()).forEach(word -> counts.merge(word, 1, Integer::sum));

        assertThat(GeneratedSpeech.english().vocabulary()).hasSizeGreaterThan(2_500).doesNotHaveDuplicates();
        assertThat(counts).hasSizeGreaterThan(1_000);
        // Zipf's law: the commonest word is about one word in 8.5 (1 / the 2 900th harmonic number), the tenth (in) is
        // a tenth as common.
        assertThat(counts.get("the") / (double) words.length).isBetween(0.09, 0.15);
        assertThat(counts.get("the") / (double) counts.get("in")).isBetween(6.0, 16.0);
    }

    @Test
    void everyDocumentAnswersAConditionalGetNamingItsETagWith304() throws Exception {
        String base = corpus.baseUrl(SHOW);
        List<String> documents = List.of(corpus.feedUrl(SHOW), base + "/episodes/9/transcript.vtt",
                base + "/episodes/9/chapters.json");
        for (String url : documents) {
            HttpResponse<byte[]> first = get(url, null);
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<byte[]> again = get(url, etag);
            HttpResponse<byte[]> other = get(url, "\"something-else\"");

            assertThat(again.statusCode()).as(url).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().firstValue("ETag")).contains(etag);
            assertThat(other.body()).isEqualTo(first.body());
        }
        Traffic traffic = corpus.traffic(SHOW);
        assertThat(traffic).isEqualTo(new Traffic(3, 3, 3, 0, 3, traffic.bodyBytes()));
        assertThat(corpus.traffic(0).requests()).isZero();
        assertThat(corpus.traffic()).isEqualTo(traffic);
    }

    @Test
    void aNewEpisodeTopsItsShowsFeedAndChangesThatFeedsETagAlone() throws Exception {
        String base = corpus.baseUrl(SHOW);
        String feedTag = get(corpus.feedUrl(SHOW), null).headers().firstValue("ETag").orElseThrow();
        String otherFeedTag = get(corpus.feedUrl(0), null).headers().firstValue("ETag").orElseThrow();
        String transcriptTag = get(base + "/episodes/1/transcript.vtt", null).headers().firstValue("ETag").orElseThrow();
        assertThat(get(base + "/episodes/301/transcript.vtt", null).statusCode()).isEqualTo(404);

        GeneratedEpisode published = corpus.newEpisode(SHOW);

        HttpResponse<byte[]> feed = get(corpus.feedUrl(SHOW), feedTag);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("ETag")).get().isNotEqualTo(feedTag);
        List<Hit> hits = FeedReadBack.hits(GeneratedCorpus.sourceId(SHOW), feed.body());
        assertThat(hits).hasSize(GeneratedCorpus.EPISODES + 1);
        assertThat(hits.get(0).episode()).isEqualTo(301L);
        assertThat(hits.get(0).title()).isEqualTo(published.title());
        assertThat(hits.get(1).episode()).isEqualTo(300L);
        assertThat(get(base + "/episodes/301/transcript.vtt", null).statusCode()).isEqualTo(200);
        assertThat(get(corpus.feedUrl(0), otherFeedTag).statusCode()).isEqualTo(304);
        assertThat(get(base + "/episodes/1/transcript.vtt", transcriptTag).statusCode()).isEqualTo(304);
    }

    @Test
    void theSameSeedWritesTheSameCorpusAndAnotherSeedAnother() throws IOException {
        try (GeneratedCorpus same = GeneratedCorpus.start(2, 5, GeneratedCorpus.WORDS, GeneratedCorpus.SEED);
                GeneratedCorpus other = GeneratedCorpus.start(2, 5, GeneratedCorpus.WORDS, GeneratedCorpus.SEED + 1)) {
            GeneratedEpisode episode = corpus.episode(SHOW, 4);

            assertThat(same.episode(SHOW, 4)).isEqualTo(episode);
            assertThat(same.episode(SHOW, 4).transcript()).isEqualTo(episode.transcript());
            assertThat(same.episode(SHOW, 4).chapters()).isEqualTo(episode.chapters());
            assertThat(other.episode(SHOW, 4).transcript()).isNotEqualTo(episode.transcript());
            assertThat(corpus.episode(0, 4).transcript()).isNotEqualTo(episode.transcript());
            assertThat(corpus.episode(SHOW, 5).transcript()).isNotEqualTo(episode.transcript());
        }
    }

    @Test
    void theCorpusIsTheSameInEveryRun() throws Exception {
        // Figures of two benchmark runs compare only if they ingested the same corpus, whatever JVM wrote it.
        String feed = new String(corpus.feed(SHOW), StandardCharsets.UTF_8).replace(corpus.baseUrl(SHOW), "http://host");

        assertThat(sha256(corpus.episode(SHOW, 4).transcript()))
                .isEqualTo("958668a6760e4dafa0e2df345472766c608cfcab352f8947129f0e4b0b5dc252");
        assertThat(sha256(corpus.episode(SHOW, 4).chapters()))
                .isEqualTo("f1d334eb1a3cdafaff2c5e795f6750e2d5fa272a614abd0cffc8a3edda909ec8");
        assertThat(sha256(feed.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("e340150da2800ad625aed35405827d0185ce5d9b9b8812498b42466e90c7e7c9");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static HttpResponse<byte[]> get(String url, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int words(List<Moment> passages) {
        return passages.stream().mapToInt(passage -> passage.text().split(" ").length).sum();
    }

    private static String text(List<Moment> passages) {
        return String.join(" ", passages.stream().map(Moment::text).toList());
    }
}

package dev.podcastsearch.source;

import static dev.podcastsearch.support.upstream.Faults.SLOW;
import static dev.podcastsearch.support.upstream.Faults.assertCancelledOrNeverSent;
import static dev.podcastsearch.support.upstream.Faults.searchFailsWith;
import static dev.podcastsearch.support.upstream.Faults.warmUp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The fault matrix row for an HTTPS source whose certificate is not trusted (self-signed, made at test
 * time). Its own class, because a base URL is fixed at startup; for the same reason the fault cannot be
 * removed, so the row runs twice to show that the second search fails as promptly as the first.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = @ResourceArg(name = "talkpython", value = "untrusted-tls"))
class UntrustedCertificateTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void warmedUp() {
        pythonBytes.answer(Reply.json("{\"episodes\": []}"));
        warmUp();
    }

    @RepeatedTest(2)
    void certificateThatIsNotTrusted() throws InterruptedException {
        talkPython.answer(Reply.json("{\"results\": []}"));
        pythonBytes.answer(Reply.json("{\"episodes\": []}").after(SLOW));

        searchFailsWith("talkpython", "TLS handshake failed: certificate not trusted");

        assertCancelledOrNeverSent(pythonBytes);
        assertThat(talkPython.requests()).as("no request got through the handshake").isEmpty();
    }
}

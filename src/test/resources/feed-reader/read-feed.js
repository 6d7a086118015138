// Reads an RSS feed from standard input with the npm package rss-parser, as a podcast app built on it would, and
// prints what it read as JSON. Run by the tests (support/podcastapp/RssParser), with NODE_PATH pointing at the
// rss-parser that .ci/run installs under target/feed-reader.
const Parser = require('rss-parser');

let xml = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { xml += chunk; });
process.stdin.on('end', () => {
  new Parser().parseString(xml)
    .then((feed) => process.stdout.write(JSON.stringify(feed)))
    .catch((error) => { process.stderr.write(String(error)); process.exit(1); });
});

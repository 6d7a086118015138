// Serves s3rver on 127.0.0.1 for the tests (see dev/podcastsearch/support/s3/S3rver.java).
// Arguments: data directory, port (0 for any free one), bucket to create. Prints "listening <port>" once the bucket
// exists and the socket accepts connections, then one line per request answered: "request", method, URL,
// If-None-Match ("-" without one) and status, separated by tabs (s3rver's own log is off: it has no statuses).
'use strict';

const S3rver = require('s3rver');

const [directory, port, bucket] = process.argv.slice(2);

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
server
  .run()
  .then(({ port: bound }) => {
    server.httpServer.on('request', (req, res) =>
      res.on('finish', () =>
        console.log('request\t%s\t%s\t%s\t%d', req.method, req.url, req.headers['if-none-match'] || '-',
          res.statusCode)));
    console.log('listening %d', bound);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });

// Exits with the JVM that started it, even one killed without running its shutdown hooks: its end of stdin closes.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

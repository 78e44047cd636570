#!/usr/bin/env node
'use strict';
// Starts the notes API on $PORT (default 8080), as its operable configures it.

const { createServer } = require('../lib/notes.js');

const port = Number.parseInt(process.env.PORT ?? '8080', 10);
const server = createServer();
server.listen(port, () => {
  console.log(`notes listening on port ${server.address().port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

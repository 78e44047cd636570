'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { Notes, createServer } = require('../lib/notes.js');

test('a note keeps its trimmed text and gets the next id', () => {
  const notes = new Notes();
  assert.deepEqual(notes.add(' buy milk '), { id: 1, text: 'buy milk' });
  assert.deepEqual(notes.add('call home'), { id: 2, text: 'call home' });
  assert.equal(notes.list().length, 2);
});

test('an empty or overlong note is refused', () => {
  const notes = new Notes();
  assert.throws(() => notes.add('  '), RangeError);
  assert.throws(() => notes.add('x'.repeat(281)), /at most 280/);
});

test('the API keeps and lists notes over HTTP on loopback', async () => {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const created = await fetch(`${base}/notes`, { method: 'POST', body: JSON.stringify({ text: 'hello' }) });
    assert.equal(created.status, 201);
    assert.deepEqual(await created.json(), { id: 1, text: 'hello' });

    const listed = await fetch(`${base}/notes`);
    assert.deepEqual(await listed.json(), [{ id: 1, text: 'hello' }]);

    const bad = await fetch(`${base}/notes`, { method: 'POST', body: 'not json' });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  } finally {
    // fetch keeps connections alive; Node 18 would wait for them before exiting.
    server.closeAllConnections();
    server.close();
  }
});

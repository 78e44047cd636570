'use strict';
// The notes API: POST /notes {"text": "..."} keeps a note, GET /notes lists them, GET /healthz
// answers "ok". Notes live in memory: the example is about packaging, not storage.

const http = require('node:http');

const LONGEST_NOTE = 280;

class Notes {
  #notes = [];

  add(text) {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new RangeError('a note needs some text');
    }
    if (text.length > LONGEST_NOTE) {
      throw new RangeError(`a note has at most ${LONGEST_NOTE} characters`);
    }
    const note = { id: this.#notes.length + 1, text: text.trim() };
    this.#notes.push(note);
    return note;
  }

  list() {
    return [...this.#notes];
  }
}

function send(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

function readJson(request) {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
      if (body.length > 16 * 1024) {
        reject(new RangeError('the request body is too large'));
        request.destroy();
      }
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(body));
      } catch {
        reject(new RangeError('the request body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

function createServer(notes = new Notes()) {
  return http.createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok\n');
    } else if (pathname === '/notes' && request.method === 'GET') {
      send(response, 200, notes.list());
    } else if (pathname === '/notes' && request.method === 'POST') {
      try {
        const { text } = await readJson(request);
        send(response, 201, notes.add(text));
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        send(response, 400, { error: error.message });
      }
    } else {
      send(response, 404, { error: `no route for ${request.method} ${pathname}` });
    }
  });
}

module.exports = { Notes, createServer };

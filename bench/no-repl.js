/**
 * Preloaded before ts-node by the authorize bench (`node -r ./bench/no-repl.js -r ts-node/register/...`).
 * ts-node requires node:repl for its REPL command, and node:repl loads node:domain, which swaps in a
 * slower EventEmitter#emit for the whole process (every socket, stream and request event). The
 * service in production runs compiled JavaScript without ts-node, so the bench must not carry that
 * cost: ts-node gets a stand-in for node:repl, which the bench never starts.
 */
'use strict';
const Module = require('node:module');

const load = Module._load;
Module._load = function loadWithoutRepl(request, ...rest) {
  if (request === 'repl' || request === 'node:repl') {
    return {
      start() {
        throw new Error('node:repl is not available in the bench (bench/no-repl.js)');
      },
    };
  }
  return load.call(this, request, ...rest);
};

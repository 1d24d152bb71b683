// INVARIANT: test/global-setup.ts loads this file outside jest's module mapper: import only Node
// built-ins, npm packages and relative files of this folder tree - never @keygate/* aliases.
import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on 127.0.0.1 (listen(0), read the port, close). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('Could not find a free port.'))));
    });
  });
}

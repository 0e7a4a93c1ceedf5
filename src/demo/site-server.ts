// The HTTP plumbing both synthetic webs share: answering with a rendered page, listening on the
// loopback interface, and closing without waiting for idle keep-alive connections.

import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoResponse } from './html.ts';

export function respond(res: ServerResponse, page: DemoResponse, head: boolean): void {
  const body = Buffer.from(page.body, 'utf8');
  res.writeHead(page.status, {
    'Content-Type': page.contentType,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...page.headers,
  });
  res.end(head ? undefined : body);
}

/** Listens on `port` (0: a free one) and resolves with the port it got. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function origin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

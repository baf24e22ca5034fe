/**
 * Serves the built demo app (`examples/internal-app/dist`) and a `/config.json` telling it where
 * the AI provider is. Used by `npm run demo` and the end-to-end tests. Loopback only.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

export const DEMO_DIST = resolve(import.meta.dirname, 'dist');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface DemoAppServer {
  /** `http://localhost:<port>`: an origin the extension allows by default. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeDemoAppOptions {
  providerUrl: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default DEMO_DIST */
  root?: string;
}

export async function serveDemoApp({ providerUrl, port = 0, root = DEMO_DIST }: ServeDemoAppOptions): Promise<DemoAppServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No built demo app at ${root}: run \`npm run build\` (or \`npm run build:demo\`) first.`);
  }
  const config = JSON.stringify({ providerUrl });
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/config.json') {
      response.writeHead(200, { 'content-type': MIME['.json'], 'cache-control': 'no-store' });
      response.end(config);
      return;
    }
    // normalize() resolves `..`; anything that still escapes the root is refused.
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'),
    );
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}

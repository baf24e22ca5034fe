/**
 * A tiny static HTTP server for end-to-end test pages, on loopback. Pages are given as a map of
 * paths to contents (no files on disk needed); `host` picks the loopback address, so one test can
 * serve an allowed origin (`127.0.0.1`) and a not-allowed one (`127.0.0.2`: all of 127/8 is loopback).
 */
import { createServer, type Server } from 'node:http';
import { extname } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export interface StaticServer {
  /** `http://<host>:<port>`, no trailing slash. */
  origin: string;
  port: number;
  /** Adds or replaces a page while the server runs. */
  set(path: string, body: string): void;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Path (`/index.html`) → body; `/` serves `/index.html`. */
  files?: Record<string, string>;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
}

export async function serveStatic({ files = {}, host = '127.0.0.1', port = 0 }: StaticServerOptions = {}): Promise<StaticServer> {
  const pages = new Map(Object.entries(files));
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const key = path === '/' ? '/index.html' : path;
    const body = pages.get(key);
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': MIME[extname(key)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    origin: `http://${host}:${actualPort}`,
    port: actualPort,
    set: (path, body) => void pages.set(path, body),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An HTML page that runs the given script (inline, so one file serves the whole page). */
export function htmlPage(title: string, script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

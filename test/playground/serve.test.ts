/**
 * scripts/serve.mjs against a temporary dist folder, on a random port, over plain HTTP (HOME
 * points at an empty folder, so no dev certificates are found).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serve, type Server } from '../browser/playground-server';

let dir: string;
let server: Server | undefined;
let base: string;

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET: the path is sent exactly as given (no URL normalisation of `..`). */
function get(rawPath: string, method = 'GET'): Promise<Response> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  const root = path.join(dir, 'dist');
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(root, 'playground'), { recursive: true });
  fs.mkdirSync(home);
  fs.writeFileSync(path.join(root, 'taskpane.html'), '<!doctype html><title>pane</title>');
  fs.writeFileSync(path.join(root, 'taskpane.js'), 'console.log(1);');
  fs.writeFileSync(path.join(root, 'playground', 'index.html'), '<!doctype html><title>playground</title>');
  fs.writeFileSync(path.join(root, 'playground', 'excelize.wasm.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'playground', 'module.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  fs.writeFileSync(path.join(root, 'playground', 'sample.xlsx'), Buffer.from('PK'));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');

  server = await serve(root, home);
  base = server.base;
  // the rest of the start-up text is printed in the same tick, but give it a moment
  await new Promise((r) => setTimeout(r, 100));
});

afterAll(() => {
  server?.child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('prints both addresses, the HTTPS advice and how to sideload', () => {
  expect(server!.output()).toContain(`${base}/taskpane.html`);
  expect(server!.output()).toContain(`${base}/playground/index.html`);
  expect(server!.output()).toMatch(/Office only loads add-ins over HTTPS/);
  expect(server!.output()).toContain('npx office-addin-dev-certs install');
  expect(server!.output()).toMatch(/playground works over HTTP/);
  expect(server!.output()).toContain('Insert → Add-ins → Upload My Add-in');
  expect(server!.output()).toContain('manifest.xml');
});

test.each([
  ['/taskpane.html', 'text/html; charset=utf-8'],
  ['/taskpane.js', 'text/javascript; charset=utf-8'],
  ['/playground/index.html', 'text/html; charset=utf-8'],
  ['/playground/excelize.wasm.gz', 'application/octet-stream'],
  ['/playground/module.wasm', 'application/octet-stream'],
  ['/playground/sample.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
])('%s is served as %s', async (url, type) => {
  const res = await get(url);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(type);
  expect(res.headers['content-encoding']).toBeUndefined();
});

test('a .gz file is sent as its bytes, not decoded', async () => {
  const res = await get('/playground/excelize.wasm.gz');
  expect([...res.body]).toEqual([0x1f, 0x8b, 8, 0, 0, 0]);
  expect(Number(res.headers['content-length'])).toBe(6);
});

test('a folder serves its index.html; a query string is ignored', async () => {
  expect((await get('/playground/')).body.toString()).toContain('<title>playground</title>');
  expect((await get('/taskpane.html?_host_Info=Excel$Win32')).status).toBe(200);
});

test('HEAD answers headers without a body', async () => {
  const res = await get('/taskpane.js', 'HEAD');
  expect(res.status).toBe(200);
  expect(res.body.length).toBe(0);
});

test('missing files are 404', async () => {
  expect((await get('/nope.js')).status).toBe(404);
  expect((await get('/playground/nope/')).status).toBe(404);
});

test.each(['/../secret.txt', '/playground/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00'])(
  'refuses %s',
  async (url) => {
    const res = await get(url);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain('outside the root');
  },
);

test('other methods are refused', async () => {
  expect((await get('/taskpane.html', 'POST')).status).toBe(405);
});

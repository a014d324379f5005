#!/usr/bin/env node
/**
 * Serves dist/ on https://localhost:3000 (PORT overrides) with no dependencies.
 *
 *   node scripts/serve.mjs            # after `webpack --mode development`
 *   PORT=8080 node scripts/serve.mjs
 *   SERVE_ROOT=/some/dir node scripts/serve.mjs   # another folder (used by the tests)
 *
 * HTTPS when ~/.office-addin-dev-certs/localhost.crt and localhost.key exist (what
 * `npx office-addin-dev-certs install` creates), else plain HTTP: Office refuses add-ins over
 * HTTP, the playground does not care. Files only: no directory listings, nothing outside the
 * root, .gz and .wasm served as application/octet-stream without Content-Encoding (excelize-wasm
 * un-gzips excelize.wasm.gz itself).
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.env.SERVE_ROOT || path.join(here, '..', 'dist'));
const port = Number(process.env.PORT || 3000);
const certDir = path.join(os.homedir(), '.office-addin-dev-certs');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/octet-stream',
  '.gz': 'application/octet-stream',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** The file under root a URL path names, or null when it is outside root or malformed. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')));
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  // Also refuse anything whose raw path climbs (…/../…), even if normalisation keeps it inside.
  if (decoded.split(/[\\/]/).includes('..')) return null;
  return file;
}

function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'Method not allowed\n');
  }
  const rawPath = (req.url || '/').split('?')[0].split('#')[0];
  let file = resolvePath(rawPath);
  if (file === null) return send(res, 403, 'Forbidden\n');
  fs.stat(file, (error, stat) => {
    if (!error && stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = fs.existsSync(file) ? fs.statSync(file) : undefined;
    }
    if (error || !stat || !stat.isFile()) return send(res, 404, `Not found: ${rawPath}\n`);
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
}

function tlsOptions() {
  const cert = path.join(certDir, 'localhost.crt');
  const key = path.join(certDir, 'localhost.key');
  if (!fs.existsSync(cert) || !fs.existsSync(key)) return undefined;
  return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

const tls = tlsOptions();
const server = tls ? https.createServer(tls, handle) : http.createServer(handle);
server.on('error', (error) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use; set PORT to another port.` : String(error));
  process.exit(1);
});
server.listen(port, () => {
  const actual = server.address().port;
  const base = `${tls ? 'https' : 'http'}://localhost:${actual}`;
  if (!fs.existsSync(root)) console.warn(`${root} does not exist yet: build first (npm run build:dev).`);
  console.log(`Serving ${root} on ${base}`);
  console.log(`  task pane:  ${base}/taskpane.html`);
  console.log(`  playground: ${base}/playground/index.html`);
  if (tls) {
    console.log(
      'Sideload into Excel on the web: open a workbook, Insert → Add-ins → Upload My Add-in (在 Excel 网页版中：插入 → 加载项 → 上传我的加载项), and choose manifest.xml.',
    );
  } else {
    console.log(
      `No certificates in ${certDir}, so this is plain HTTP: Office only loads add-ins over HTTPS. ` +
        'To get certificates, run `npx office-addin-dev-certs install` on a machine with sudo and a desktop (it trusts a local CA), then restart this server. ' +
        'The playground works over HTTP.',
    );
    console.log('With HTTPS, sideload into Excel on the web: Insert → Add-ins → Upload My Add-in, and choose manifest.xml.');
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));

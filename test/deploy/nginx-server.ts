/**
 * Debian's nginx, run by a test: the shipped deploy/nginx.conf with only its listen address,
 * host name, certificate and root replaced, inside a main configuration of the test's own, so
 * that nginx runs as a foreground child of the test (never as the system service), with its pid
 * file, logs and temporary folders in a temporary folder, as root or not. The certificate is
 * made for the test by openssl. `.ci/run` installs nginx and openssl when they are missing.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../browser/playground-server';

/** The shipped configuration. */
export const NGINX_CONF = path.join(ROOT, 'deploy', 'nginx.conf');

export interface Nginx {
  /** The loopback port nginx listens on (HTTPS). */
  readonly port: number;
  /** The host name the server answers to and the certificate names. */
  readonly host: string;
  /** The test certificate (PEM): the only one the node requests and the browser accept. */
  readonly certificate: string;
  /** base64 SHA-256 of the certificate's public key, for chromium's --ignore-certificate-errors-spki-list. */
  readonly spki: string;
  /** The configuration nginx runs: the shipped file with the test's values. */
  readonly siteConf: string;
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Where a command is, looking also in the sbin folders a non-root PATH may lack (Debian puts nginx in /usr/sbin). */
function which(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  return dirs.map((d) => path.join(d, command)).find((p) => executable(p));
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `text` with `from` replaced by `to`, where `from` must occur exactly once (the shipped file's shape is part of the test). */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`deploy/nginx.conf must contain ${JSON.stringify(from)} exactly once (the test replaces it)`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * nginx serving `root` (the folder that holds `addin/`) on 127.0.0.1:<free port> for `host`,
 * with a certificate made for `host`. Waits until it answers over TLS.
 */
export async function startNginx(options: { dir: string; root: string; host: string }): Promise<Nginx> {
  const nginx = which('nginx');
  if (!nginx) throw new Error('nginx is missing: apt-get install -y --no-install-recommends nginx-light (or nginx); .ci/run does it');
  const openssl = which('openssl');
  if (!openssl) throw new Error('openssl is missing: apt-get install -y --no-install-recommends openssl');
  const { dir, root, host } = options;
  // As root, nginx's workers run as "nobody" and must reach the files.
  fs.chmodSync(dir, 0o755);

  const tls = path.join(dir, 'tls');
  fs.mkdirSync(tls);
  const certFile = path.join(tls, 'cert.pem');
  const keyFile = path.join(tls, 'key.pem');
  execFileSync(
    openssl,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:${host}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'pipe' },
  );
  const certificate = fs.readFileSync(certFile, 'utf8');
  const der = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  const spki = createHash('sha256').update(der).digest('base64');

  const port = await freePort();
  let site = fs.readFileSync(NGINX_CONF, 'utf8');
  site = replaceOnce(site, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
  // Loopback IPv4 only: the machine may have no IPv6.
  site = replaceOnce(site, '    listen [::]:443 ssl;\n', '');
  site = replaceOnce(site, 'server_name scoring.example.com;', `server_name ${host};`);
  site = replaceOnce(site, 'ssl_certificate     /etc/ssl/certs/scoring.example.com.pem;', `ssl_certificate     ${certFile};`);
  site = replaceOnce(site, 'ssl_certificate_key /etc/ssl/private/scoring.example.com.key;', `ssl_certificate_key ${keyFile};`);
  site = replaceOnce(site, 'root /srv/customer-scoring;', `root ${root};`);
  const siteConf = path.join(dir, 'customer-scoring.conf');
  fs.writeFileSync(siteConf, site);

  // Temporary folders only for the modules this nginx has (a --without-… build rejects the
  // directive). `nginx -V` prints its configure arguments on stderr.
  const configure = spawnSync(nginx, ['-V'], { encoding: 'utf8' });
  const configureArgs = `${configure.stdout}${configure.stderr}`;
  const temp = path.join(dir, 'temp');
  fs.mkdirSync(temp);
  const tempPaths = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .filter((m) => m === 'client_body' || !configureArgs.includes(`--without-http_${m}_module`))
    .map((m) => `    ${m}_temp_path ${path.join(temp, m)};`);
  const asRoot = process.getuid?.() === 0;
  const group = asRoot ? execFileSync('id', ['-gn', 'nobody'], { encoding: 'utf8' }).trim() : '';
  const mainConf = path.join(dir, 'nginx.conf');
  const accessLog = path.join(dir, 'access.log');
  const errorLog = path.join(dir, 'error.log');
  fs.writeFileSync(
    mainConf,
    [
      "# The test's nginx: a foreground child of the test, every file in this folder.",
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${errorLog} notice;`,
      ...(asRoot ? [`user nobody ${group};`] : []),
      'events { worker_connections 64; }',
      'http {',
      `    access_log ${accessLog};`,
      ...tempPaths,
      `    include ${siteConf};`,
      '}',
      '',
    ].join('\n'),
  );

  let output = '';
  const child: ChildProcess = spawn(nginx, ['-p', `${dir}/`, '-c', mainConf, '-e', errorLog], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const readLog = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

  // Ready when it answers over TLS; an nginx that exits (a bad configuration, a port taken) fails at once.
  let ready = false;
  let lastError = '';
  const failed = exited.then((code) => {
    if (!ready) throw new Error(`nginx exited with ${code}: ${output}\n${readLog(errorLog)}`);
  });
  const attempt = (): Promise<boolean> =>
    new Promise((resolve) => {
      const req = https.request({ host: '127.0.0.1', port, servername: host, path: '/', method: 'HEAD', headers: { host }, ca: certificate }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', (error) => {
        lastError = String(error);
        resolve(false);
      });
      req.end();
    });
  const answered = (async () => {
    for (let i = 0; i < 400; i++) {
      if (await attempt()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`nginx did not answer on 127.0.0.1:${port}: ${lastError}\n${output}\n${readLog(errorLog)}`);
  })();
  await Promise.race([answered, failed]);
  ready = true;
  // The shipped file must load cleanly: no warning, let alone an error, while nginx starts.
  const complaints = readLog(errorLog)
    .split('\n')
    .filter((line) => /\[(warn|error|crit|alert|emerg)\]/.test(line));
  if (complaints.length > 0) {
    child.kill('SIGQUIT');
    await exited;
    throw new Error(`nginx complained about the configuration:\n${complaints.join('\n')}`);
  }

  return {
    port,
    host,
    certificate,
    spki,
    siteConf: site,
    accessLog: () => readLog(accessLog),
    errorLog: () => readLog(errorLog),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGQUIT');
        await exited;
      }
    },
  };
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * An HTTPS request to the test's nginx, verifying its certificate against the test certificate
 * for `host` (no certificate check is switched off here).
 */
export function request(server: Nginx, urlPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: server.port,
        servername: server.host,
        path: urlPath,
        method: options.method ?? 'GET',
        headers: { host: server.host, ...options.headers },
        ca: server.certificate,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// @ts-check
/**
 * The manifest for a team's own address. `npm run build -- --env url=https://host/path/`
 * (webpack.config.js) turns manifest.xml, whose every URL names the developer's
 * https://localhost:3000/, into dist/manifest.xml whose every URL starts with that address,
 * with package.json's version as <Version>.
 *
 * Why derive it instead of keeping a second manifest: one source for the Id, the strings, the
 * requirement set and the ribbon, so the manifest Excel sideloads during development and the one
 * an administrator deploys cannot drift apart. Plain CommonJS (no dependencies) because
 * webpack.config.js requires it; scripts/deploy-manifest.d.cts types it for the tests.
 */

/** The address manifest.xml names: what `npm start` serves (scripts/serve.mjs). */
const DEV_BASE_URL = 'https://localhost:3000/';

/** An example address for the sentences below. */
const EXAMPLE = 'https://scoring.example.com/addin/';

/** A mistake in what the person building asked for: its message is the one sentence to show. */
class DeployError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'DeployError';
  }
}

/**
 * The folder address dist/ will be served from, checked and ending in "/"
 * ("https://host/addin" becomes "https://host/addin/"). Throws a DeployError whose message is one
 * sentence when the address is missing, not absolute, not HTTPS, or carries credentials, a query
 * or a fragment.
 * @param {unknown} raw what `--env url=` gave (webpack passes `true` for `--env url` without "=")
 * @returns {string}
 */
function addinBaseUrl(raw) {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new DeployError(`--env url= needs the HTTPS address dist/ will be served from, for example npm run build -- --env url=${EXAMPLE}`);
  }
  const text = raw.trim();
  // new URL() would accept "https:host/addin" and read "host/addin" as relative to nothing;
  // an absolute address names its scheme and its host: "scheme://host".
  /** @type {URL | undefined} */
  let url;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]/i.test(text)) {
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
  }
  if (!url) {
    throw new DeployError(
      `The add-in address "${text}" is not an absolute URL: give the full address dist/ will be served from, starting with https:// and the server's name, for example --env url=${EXAMPLE}`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new DeployError(
      `The add-in address "${text}" does not use HTTPS, and Office loads add-ins only over HTTPS: serve dist/ with a certificate and build with --env url=https://${url.host}${url.pathname}`,
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new DeployError(
      `The add-in address "${text}" carries a user name, a query or a fragment: give only the folder dist/ is served from, for example --env url=${EXAMPLE}`,
    );
  }
  return url.pathname.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * The manifest <Version> for package.json's version: "1.2.3" becomes "1.2.3.0" (the XSD allows up
 * to four numbers of up to five digits). Throws a DeployError for a pre-release or build suffix,
 * which a manifest cannot carry.
 * @param {unknown} version package.json's "version"
 * @returns {string}
 */
function manifestVersion(version) {
  const m = typeof version === 'string' ? /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(version) : null;
  if (!m) {
    throw new DeployError(
      `package.json's version "${String(version)}" cannot become a manifest <Version>, which is three or four plain numbers such as 1.2.3.0: set a version such as 1.2.3 before building for an address.`,
    );
  }
  return `${m
    .slice(1, 4)
    .map((n) => String(Number(n)))
    .join('.')}.0`;
}

/**
 * manifest.xml rewritten for `baseUrl` (from addinBaseUrl) and `version` (from manifestVersion):
 * every DefaultValue / Value that starts with the development address starts with `baseUrl`
 * instead, and <Version> is `version`. Throws when a URL in the result does not start with
 * `baseUrl` (a URL the rewrite does not know about), or when manifest.xml has no <Version>.
 * @param {string} source manifest.xml
 * @param {string} baseUrl
 * @param {string} version
 * @returns {string}
 */
function manifestFor(source, baseUrl, version) {
  const versions = source.match(/<Version>[^<]*<\/Version>/g) ?? [];
  if (versions.length !== 1) throw new Error(`manifest.xml has ${versions.length} <Version> elements, expected one`);
  let out = source.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
  out = out.replace(/(\s(?:DefaultValue|Value)=")([^"]*)"/g, (whole, before, value) =>
    value.startsWith(DEV_BASE_URL) ? `${before}${baseUrl}${value.slice(DEV_BASE_URL.length)}"` : whole,
  );
  const strays = urlsIn(out).filter((url) => !url.startsWith(baseUrl));
  if (strays.length > 0) {
    throw new Error(`the manifest for ${baseUrl} would still name ${strays.join(', ')}: manifest.xml's URLs must all start with ${DEV_BASE_URL}`);
  }
  return out;
}

/**
 * The URLs a manifest points Office at: every DefaultValue / Value attribute that looks like an
 * address ("scheme://…"). Namespace declarations (xmlns…) are not addresses Office loads.
 * @param {string} xml
 * @returns {string[]}
 */
function urlsIn(xml) {
  return [...xml.matchAll(/\s(?:DefaultValue|Value)="([a-z][a-z0-9+.-]*:\/\/[^"]*)"/gi)].map((m) => /** @type {string} */ (m[1]));
}

module.exports = { DEV_BASE_URL, DeployError, addinBaseUrl, manifestVersion, manifestFor, urlsIn };

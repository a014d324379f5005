// @ts-check
/**
 * Task-pane build: `webpack --mode production` (npm run build) or `--mode development`.
 *
 *   src/taskpane/index.tsx   → dist/taskpane[.<contenthash>].js
 *   src/taskpane/taskpane.html → dist/taskpane.html (office.js from Microsoft's CDN, then the bundle)
 *   assets/icon-*.png        → dist/assets/ (fixed names: manifest.xml points at them)
 *
 * The playground (dev only: `--mode development`, or `--env playground` with production) adds:
 *   src/playground/index.tsx → dist/playground/playground[.<contenthash>].js + dist/playground/index.html
 *   dist/playground/pane.html: src/taskpane/taskpane.html with Microsoft's office.js replaced by
 *     office-shim.js (Office, Excel, OfficeExtension from the parent page's emulator), loading the
 *     same taskpane[.<contenthash>].js as dist/taskpane.html
 *   dist/playground/{office-shim.js, excelize.wasm.gz, sample-customers.xlsx} copied unchanged
 * A production build without `--env playground` is exactly the task pane above.
 *
 * For a team's own server: `npm run build -- --env url=https://host/path/` adds dist/manifest.xml,
 * manifest.xml with every URL under that address and package.json's version
 * (scripts/deploy-manifest.cjs); an address that is not absolute HTTPS stops the build with one
 * sentence. Without `--env url` nothing changes. deploy/nginx.conf serves the result.
 *
 * Every page carries a content security policy (a <meta> in its template): no eval, so the
 * development build's source maps are not eval-based either.
 *
 * ts-loader only transpiles; `npm run typecheck` (tsc --noEmit) does the type checking.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { DeployError, addinBaseUrl, manifestFor, manifestVersion } = require('./scripts/deploy-manifest.cjs');
const webpack = require('webpack');

const ASSETS_DIR = path.resolve(__dirname, 'assets');
const ICON_FILE = /^icon-\d+\.png$/;

/** Copies assets/icon-*.png to <output>/assets/ unchanged (no copy-webpack-plugin needed). */
class CopyIconsPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('CopyIconsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CopyIconsPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.contextDependencies.add(ASSETS_DIR);
        const icons = fs.readdirSync(ASSETS_DIR).filter((f) => ICON_FILE.test(f));
        if (icons.length === 0) {
          compilation.errors.push(new compiler.webpack.WebpackError(`no icon-*.png in ${ASSETS_DIR} (run node scripts/make-icons.mjs)`));
        }
        for (const file of icons) {
          const absolute = path.join(ASSETS_DIR, file);
          compilation.fileDependencies.add(absolute);
          compilation.emitAsset(`assets/${file}`, new sources.RawSource(fs.readFileSync(absolute)));
        }
      });
    });
  }
}

/** Emits files unchanged: [source (absolute), output name] pairs. */
class CopyFilesPlugin {
  /** @param {[string, string][]} files */
  constructor(files) {
    this.files = files;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('CopyFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CopyFilesPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const [from, to] of this.files) {
          if (!fs.existsSync(from)) {
            compilation.errors.push(new compiler.webpack.WebpackError(`CopyFilesPlugin: ${from} does not exist`));
            continue;
          }
          compilation.fileDependencies.add(from);
          compilation.emitAsset(to, new sources.RawSource(fs.readFileSync(from)));
        }
      });
    });
  }
}

/**
 * Playground build only:
 * - src/xlsx/excelize.ts (require.resolve + node:fs) is replaced by src/playground/excelize-browser.ts
 *   (fetches excelize.wasm.gz next to the page). The task pane never imports src/xlsx.
 * - `node:zlib` etc. become `zlib`, which resolve.fallback maps to an empty module: src/xlsx/zip.ts
 *   reaches node:zlib only when DecompressionStream is missing, never in a browser.
 */
class PlaygroundResolvePlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const original = path.resolve(__dirname, 'src/xlsx/excelize');
    const replacement = path.resolve(__dirname, 'src/playground/excelize-browser.ts');
    compiler.hooks.normalModuleFactory.tap('PlaygroundResolvePlugin', (factory) => {
      factory.hooks.beforeResolve.tap('PlaygroundResolvePlugin', (data) => {
        if (data.request.startsWith('node:')) {
          data.request = data.request.slice('node:'.length);
          return;
        }
        if (!data.request.startsWith('.')) return;
        const target = path.resolve(data.context, data.request).replace(/\.ts$/, '');
        if (target === original) data.request = replacement;
      });
    });
  }
}

const OFFICE_JS_TAG = /<script\s+src="https:\/\/appsforoffice\.microsoft\.com\/[^"]*office\.js"\s*><\/script>/;

/** src/taskpane/taskpane.html with the CDN office.js replaced by the playground's shim. */
function paneTemplate() {
  const html = fs.readFileSync(path.resolve(__dirname, 'src/taskpane/taskpane.html'), 'utf8');
  if (!OFFICE_JS_TAG.test(html)) throw new Error('src/taskpane/taskpane.html has no office.js <script> tag for the playground to replace');
  const pane = html.replace(
    OFFICE_JS_TAG,
    '<script src="office-shim.js"></script><!-- playground: office-shim.js stands in for office.js (the emulated Excel of the parent page) -->',
  );
  const external = pane.match(/(?:src|href)="(?:https?:)?\/\/[^"]*"/);
  if (external) throw new Error(`playground/pane.html would load ${external[0]}: only same-origin files are allowed`);
  return pane;
}

/** `--env url=…` only: emits manifest.xml rewritten for the address (scripts/deploy-manifest.cjs). */
class DeployManifestPlugin {
  /** @param {{ baseUrl: string, version: string }} options */
  constructor(options) {
    this.baseUrl = options.baseUrl;
    this.version = options.version;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    const source = path.resolve(__dirname, 'manifest.xml');
    compiler.hooks.thisCompilation.tap('DeployManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'DeployManifestPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.fileDependencies.add(source);
        try {
          const xml = manifestFor(fs.readFileSync(source, 'utf8'), this.baseUrl, this.version);
          compilation.emitAsset('manifest.xml', new sources.RawSource(Buffer.from(xml, 'utf8')));
        } catch (error) {
          compilation.errors.push(new WebpackError(`DeployManifestPlugin: ${error instanceof Error ? error.message : String(error)}`));
        }
      });
    });
    compiler.hooks.done.tap('DeployManifestPlugin', (stats) => {
      if (!stats.hasErrors()) console.log(`manifest.xml for ${this.baseUrl} (Version ${this.version})`);
    });
  }
}

/**
 * `--env url=…` checked (scripts/deploy-manifest.cjs), or undefined without it. A wrong address
 * prints its one sentence and ends the build (exit code 2) before anything is compiled.
 * @param {Record<string, unknown>} env
 * @returns {{ baseUrl: string, version: string } | undefined}
 */
function deployTarget(env) {
  if (!('url' in env)) return undefined;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, 'package.json'), 'utf8'));
    return { baseUrl: addinBaseUrl(env.url), version: manifestVersion(pkg.version) };
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/**
 * The task pane's JavaScript that a first open downloads, gzipped, at most: the first screen is
 * usable within 1.5 s on a slow link (docs/design.md, "Budgets"). React 19, Fluent UI v9 and
 * zod are most of it; the tuning sections and the analyses' tabs load when opened.
 */
const BUNDLE_BUDGET_GZIPPED_KB = 350;

/** After a production build, prints the task pane's JavaScript size, raw and gzipped, and fails the build past the budget. */
class BundleSizePlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.afterEmit.tap('BundleSizePlugin', (compilation) => {
      const entry = compilation.entrypoints.get('taskpane');
      if (!entry || compilation.errors.length > 0) return;
      const outputPath = compilation.outputOptions.path ?? compiler.outputPath;
      let raw = 0;
      let gzipped = 0;
      for (const file of entry.getFiles().filter((f) => f.endsWith('.js'))) {
        const content = fs.readFileSync(path.join(outputPath, file));
        raw += content.length;
        gzipped += zlib.gzipSync(content, { level: 9 }).length;
      }
      const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1);
      console.log(`taskpane bundle: ${kb(raw)} KB (${kb(gzipped)} KB gzipped)`);
      if (gzipped > BUNDLE_BUDGET_GZIPPED_KB * 1024) {
        compilation.errors.push(
          new webpack.WebpackError(`the task pane's first bundle is ${kb(gzipped)} KB gzipped, over its budget of ${BUNDLE_BUDGET_GZIPPED_KB} KB`),
        );
      }
    });
  }
}

/** @type {(env: unknown, argv: { mode?: 'production' | 'development' | 'none' }) => import('webpack').Configuration} */
module.exports = (env, argv) => {
  const production = (argv.mode ?? 'production') === 'production';
  const playground = !production || Boolean(env && /** @type {Record<string, unknown>} */ (env).playground);
  const deploy = deployTarget(/** @type {Record<string, unknown>} */ (env ?? {}));
  return {
    mode: production ? 'production' : 'development',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      ...(playground
        ? { playground: { import: './src/playground/index.tsx', filename: production ? 'playground/[name].[contenthash:8].js' : 'playground/[name].js' } }
        : {}),
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // src/xlsx and the emulator reach node:zlib / node:fs only in node branches (the browser
      // uses DecompressionStream and fetch); keep them out of the playground bundle.
      // (PlaygroundResolvePlugin strips the `node:` prefix first.)
      ...(playground ? { fallback: { zlib: false, fs: false, path: false } } : {}),
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true } },
        },
      ],
    },
    // Not eval-based in development either: the pages' content security policy forbids eval.
    devtool: production ? 'source-map' : 'cheap-module-source-map',
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        inject: 'body',
      }),
      new CopyIconsPlugin(),
      ...(playground
        ? [
            new HtmlWebpackPlugin({
              template: './src/playground/index.html',
              filename: 'playground/index.html',
              chunks: ['playground'],
              inject: 'body',
            }),
            new HtmlWebpackPlugin({
              templateContent: paneTemplate,
              filename: 'playground/pane.html',
              chunks: ['taskpane'],
              inject: 'body',
            }),
            new CopyFilesPlugin([
              [path.resolve(__dirname, 'src/playground/office-shim.js'), 'playground/office-shim.js'],
              [require.resolve('excelize-wasm/excelize.wasm.gz'), 'playground/excelize.wasm.gz'],
              [path.join(ASSETS_DIR, 'sample-customers.xlsx'), 'playground/sample-customers.xlsx'],
            ]),
            new PlaygroundResolvePlugin(),
          ]
        : []),
      ...(deploy ? [new DeployManifestPlugin(deploy)] : []),
      ...(production ? [new BundleSizePlugin()] : []),
    ],
    // The budget that matters is BundleSizePlugin's (gzipped, what users download; an error past
    // it). Webpack's own hint measures minified bytes: React 19 + Fluent UI v9 + zod are ~800 KB
    // of them, so it speaks only well past what the gzipped budget allows.
    performance: {
      hints: production ? 'warning' : false,
      maxEntrypointSize: 1100 * 1024,
      maxAssetSize: 1100 * 1024,
      assetFilter: (file) => file.endsWith('.js') && !file.startsWith('playground/'),
    },
  };
};

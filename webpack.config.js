// @ts-check
/**
 * Task-pane build: `webpack --mode production` (npm run build) or `--mode development`.
 *
 *   src/taskpane/index.tsx   → dist/taskpane[.<contenthash>].js
 *   src/taskpane/taskpane.html → dist/taskpane.html (office.js from Microsoft's CDN, then the bundle)
 *   assets/icon-*.png        → dist/assets/ (fixed names: manifest.xml points at them)
 *
 * ts-loader only transpiles; `npm run typecheck` (tsc --noEmit) does the type checking.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const ASSETS_DIR = path.resolve(__dirname, 'assets');
const ICON_FILE = /^icon-\d+\.png$/;

/** Copies assets/icon-*.png to <output>/assets/ unchanged (no copy-webpack-plugin needed). */
class CopyIconsPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('CopyIconsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyIconsPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
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
        },
      );
    });
  }
}

/** After a production build, prints the task pane's JavaScript size, raw and gzipped. */
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
    });
  }
}

/** @type {(env: unknown, argv: { mode?: 'production' | 'development' | 'none' }) => import('webpack').Configuration} */
module.exports = (_env, argv) => {
  const production = (argv.mode ?? 'production') === 'production';
  return {
    mode: production ? 'production' : 'development',
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true } },
        },
      ],
    },
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        inject: 'body',
      }),
      new CopyIconsPlugin(),
      ...(production ? [new BundleSizePlugin()] : []),
    ],
    // React 19 + Fluent UI is ~300 KB minified, over webpack's 244 KB default: warn only
    // when the task pane grows well past that (BundleSizePlugin prints the real figure).
    performance: {
      hints: production ? 'warning' : false,
      maxEntrypointSize: 800 * 1024,
      maxAssetSize: 800 * 1024,
      assetFilter: (file) => file.endsWith('.js'),
    },
  };
};

/** Types of scripts/deploy-manifest.cjs (plain CommonJS so that webpack.config.js can require it). */
export declare const DEV_BASE_URL: string;
export declare class DeployError extends Error {
  constructor(message: string);
}
export declare function addinBaseUrl(raw: unknown): string;
export declare function manifestVersion(version: unknown): string;
export declare function manifestFor(source: string, baseUrl: string, version: string): string;
export declare function urlsIn(xml: string): string[];

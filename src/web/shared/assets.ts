import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pages' one stylesheet, one script and their icon. Their parts are real files beside the pages they
 * serve, joined in this order (a later rule wins over an earlier one of the same weight).
 */
const STYLESHEET_PARTS = [
  'shared/base.css',
  'shared/forms.css',
  'today/today.css',
  'center/center.css',
  'reports/reports.css',
  'people/people.css',
  'notifications/notifications.css',
];
const SCRIPT_PARTS = ['shared/app.js', 'today/today.js'];
/** The tab's icon (without one, every browser asks for /favicon.ico and logs a 404). */
const ICON_PART = 'shared/icon.svg';

/** `src/web` under jest; `dist/src/web` when built (nest-cli.json copies the files there). */
const WEB_ROOT = join(__dirname, '..');

/** How long a browser or proxy may keep an asset: a year, since a change gives a new URL. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export interface WebAsset {
  /** The file name in the URL, with the content's hash: `app.3f2a9c1b7d.css`. */
  name: string;
  /** The address pages link: `/assets/<name>`. */
  url: string;
  contentType: string;
  body: string;
}

export interface WebAssets {
  stylesheet: WebAsset;
  script: WebAsset;
  icon: WebAsset;
  /** All of them, by the file name of their URL. */
  byName: ReadonlyMap<string, WebAsset>;
}

function bundle(
  base: string,
  extension: 'css' | 'js' | 'svg',
  contentType: string,
  parts: readonly string[],
): WebAsset {
  const body = parts.map((part) => readFileSync(join(WEB_ROOT, part), 'utf8')).join('\n');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const name = `${base}.${hash}.${extension}`;
  return { name, url: `/assets/${name}`, contentType, body };
}

let loaded: WebAssets | undefined;

/**
 * The assets, read from disk once (the assets controller asks at start-up, so a missing file
 * stops the start with its path) and kept for the life of the process.
 */
export function webAssets(): WebAssets {
  if (!loaded) {
    const stylesheet = bundle('app', 'css', 'text/css; charset=utf-8', STYLESHEET_PARTS);
    const script = bundle('app', 'js', 'text/javascript; charset=utf-8', SCRIPT_PARTS);
    const icon = bundle('icon', 'svg', 'image/svg+xml', [ICON_PART]);
    loaded = {
      stylesheet,
      script,
      icon,
      byName: new Map([stylesheet, script, icon].map((asset) => [asset.name, asset])),
    };
  }
  return loaded;
}

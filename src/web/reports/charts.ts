import { escapeHtml, Html, trusted } from '../shared/html';

/**
 * Charts drawn on the server as inline SVG: no script, no library, scaled by the browser. Each is
 * an image with a name (`role="img"`, `aria-label` and `<title>`) that summarizes it; pages put
 * the numbers in a table beside it. Values are also written as text, so colour is never the only
 * carrier of a value.
 */

export interface Bar {
  /** Under the bar (a short date, an hour). */
  label: string;
  value: number;
  /** The value as the reader reads it ("12.5"), written above the bar. */
  text: string;
}

export interface BarChartOptions {
  /** The chart's name and summary, read by screen readers. */
  title: string;
  bars: readonly Bar[];
}

const BAR_WIDTH = 28;
const BAR_GAP = 6;
const PLOT_HEIGHT = 160;
const TOP = 20;
const BOTTOM = 34;
const LEFT = 8;

function attr(value: string): string {
  return escapeHtml(value);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function barChart({ title, bars }: BarChartOptions): Html {
  const width = LEFT * 2 + Math.max(1, bars.length) * (BAR_WIDTH + BAR_GAP);
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const parts: string[] = [];
  bars.forEach((bar, i) => {
    const x = LEFT + i * (BAR_WIDTH + BAR_GAP) + BAR_GAP / 2;
    const h = max > 0 ? round((Math.max(0, bar.value) / max) * PLOT_HEIGHT) : 0;
    const y = TOP + PLOT_HEIGHT - h;
    const middle = round(x + BAR_WIDTH / 2);
    parts.push(
      `<g><rect class="bar" x="${round(x)}" y="${y}" width="${BAR_WIDTH}" height="${h}"/>` +
        `<text class="bar-value" x="${middle}" y="${round(y - 4)}" text-anchor="middle">${escapeHtml(bar.text)}</text>` +
        `<text class="bar-label" x="${middle}" y="${TOP + PLOT_HEIGHT + 16}" text-anchor="middle">${escapeHtml(bar.label)}</text></g>`,
    );
  });
  const axis = `<line class="axis" x1="${LEFT}" y1="${TOP + PLOT_HEIGHT}" x2="${width - LEFT}" y2="${TOP + PLOT_HEIGHT}"/>`;
  return trusted(
    `<svg class="chart bar-chart" role="img" aria-label="${attr(title)}" viewBox="0 0 ${width} ${height}" ` +
      `width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
      `<title>${escapeHtml(title)}</title>${axis}${parts.join('')}</svg>`,
  );
}

export interface HeatMapOptions {
  title: string;
  /** Row names (weekdays), left of the grid. */
  rows: readonly string[];
  /** Column names (hours), above the grid. */
  columns: readonly string[];
  /** values[row][column]. */
  values: readonly (readonly number[])[];
  /** A value as written in its cell; empty cells (0) stay blank. */
  text: (value: number) => string;
}

/** Five shades from light to dark; the darker two carry white text (contrast above 4.5:1). */
export const HEAT_LEVELS = ['#f1f5f9', '#cfe0f5', '#8fb5e3', '#2f6fba', '#0b3d75'] as const;

/** The shade of a value among 0..max: 0 only for nothing at all. */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, 1 + Math.floor((value / max) * 3.999));
}

const CELL_W = 34;
const CELL_H = 26;
const HEAD_W = 48;
const HEAD_H = 20;

export function heatMap({ title, rows, columns, values, text }: HeatMapOptions): Html {
  const width = HEAD_W + columns.length * CELL_W;
  const height = HEAD_H + rows.length * CELL_H;
  const max = Math.max(0, ...values.flat());
  const parts: string[] = [];
  columns.forEach((column, c) => {
    parts.push(
      `<text class="heat-head" x="${HEAD_W + c * CELL_W + CELL_W / 2}" y="${HEAD_H - 6}" text-anchor="middle">${escapeHtml(column)}</text>`,
    );
  });
  rows.forEach((row, r) => {
    const y = HEAD_H + r * CELL_H;
    parts.push(
      `<text class="heat-head" x="${HEAD_W - 6}" y="${y + CELL_H / 2 + 4}" text-anchor="end">${escapeHtml(row)}</text>`,
    );
    columns.forEach((_column, c) => {
      const value = values[r]?.[c] ?? 0;
      const level = heatLevel(value, max);
      const x = HEAD_W + c * CELL_W;
      parts.push(
        `<rect class="heat-cell" x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" fill="${HEAT_LEVELS[level]}"/>`,
      );
      if (value > 0) {
        parts.push(
          `<text class="heat-value${level >= 3 ? ' on-dark' : ''}" x="${x + CELL_W / 2}" y="${y + CELL_H / 2 + 4}" text-anchor="middle">${escapeHtml(text(value))}</text>`,
        );
      }
    });
  });
  return trusted(
    `<svg class="chart heat-map" role="img" aria-label="${attr(title)}" viewBox="0 0 ${width} ${height}" ` +
      `width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
      `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`,
  );
}

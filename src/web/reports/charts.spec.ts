import { barChart, HEAT_LEVELS, heatLevel, heatMap } from './charts';

describe('server-drawn charts', () => {
  it('draws a bar chart as a named image, bars in proportion, values as text', () => {
    const svg = barChart({
      title: 'Booked hours by day <1–3>',
      bars: [
        { label: '1', value: 2, text: '2' },
        { label: '2', value: 4, text: '4' },
        { label: '3', value: 0, text: '' },
      ],
    }).value;
    expect(svg).toMatch(
      /^<svg class="chart bar-chart" role="img" aria-label="Booked hours by day &lt;1–3&gt;"/,
    );
    expect(svg).toContain('<title>Booked hours by day &lt;1–3&gt;</title>');
    const heights = [...svg.matchAll(/<rect class="bar"[^>]* height="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toEqual([80, 160, 0]);
    expect(svg).toContain('>4</text>');
    expect(svg).toContain('>2</text>');
  });

  it('draws an empty bar chart without dividing by zero', () => {
    const svg = barChart({ title: 'Nothing', bars: [{ label: '1', value: 0, text: '' }] }).value;
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('height="0"');
  });

  it('escapes labels, so a name cannot become markup', () => {
    const svg = barChart({
      title: 't',
      bars: [{ label: '<script>', value: 1, text: '"1"' }],
    }).value;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&quot;1&quot;');
  });

  it('shades a heat map by value and writes each value in its cell', () => {
    const svg = heatMap({
      title: 'Booked hours by weekday and hour',
      rows: ['Mon', 'Tue'],
      columns: ['09', '10'],
      values: [
        [0, 1],
        [4, 2],
      ],
      text: (v) => `${v}h`,
    }).value;
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Booked hours by weekday and hour"');
    const fills = [...svg.matchAll(/<rect class="heat-cell"[^>]* fill="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(fills).toEqual([HEAT_LEVELS[0], HEAT_LEVELS[1], HEAT_LEVELS[4], HEAT_LEVELS[2]]);
    expect(svg).toContain('>4h</text>');
    expect(svg).toContain('class="heat-value on-dark"');
    expect(svg).not.toContain('>0h</text>');
  });

  it('keeps the lightest shade for nothing and the darkest for the most', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(0.1, 10)).toBe(1);
    expect(heatLevel(10, 10)).toBe(4);
    expect(heatLevel(5, 0)).toBe(0);
  });
});

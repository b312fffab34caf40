/** Reports: summary figures and the server-drawn charts (which scale down on narrow screens). */
export const REPORTS_CSS = `
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem;margin:0;padding:0}
.figures div{border:1px solid #cbd5e1;border-radius:4px;padding:.5rem .75rem}
.figures dt{font-size:.9rem;color:#475569}
.figures dd{margin:0;font-size:1.3rem;font-weight:700}
.chart-wrap{position:relative;overflow-x:auto;max-width:100%;border:1px solid #e2e8f0;padding:.5rem;margin:.5rem 0}
.chart{max-width:none;height:auto}
.chart text{font-family:system-ui,sans-serif;fill:#1a1a1a}
.bar-chart .bar{fill:#0b4f9c}
.bar-chart .bar-value{font-size:10px}
.bar-chart .bar-label{font-size:10px}
.bar-chart .axis{stroke:#1a1a1a;stroke-width:1}
.heat-map .heat-cell{stroke:#fff;stroke-width:1}
.heat-map .heat-head{font-size:11px}
.heat-map .heat-value{font-size:10px}
.heat-map .heat-value.on-dark{fill:#fff}
.legend{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;padding:0;margin:.25rem 0;font-size:.9rem}
.legend .swatch{display:inline-block;width:1rem;height:1rem;border:1px solid #64748b;vertical-align:middle;margin-right:.25rem}
details{margin:.5rem 0}
summary{cursor:pointer;min-height:44px;line-height:44px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;padding:0}
.downloads a{display:inline-block;min-height:44px;line-height:44px}
`;

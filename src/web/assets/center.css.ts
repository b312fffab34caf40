/** Center setup: checkboxes, the week table, the section links and the printable QR sheet. */
export const CENTER_CSS = `
/* Scrolling boxes hold their visually hidden texts, which would otherwise widen the page. */
.table-wrap{position:relative}
.check{display:flex;gap:.5rem;align-items:center;min-height:44px}
.check input{width:1.5rem;height:1.5rem;min-height:0;flex-shrink:0}
fieldset{border:1px solid #cbd5e1;border-radius:4px;padding:.5rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.stack.wide{max-width:none}
.hours input[type=time]{min-width:7rem}
.sections ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
.sections a{display:inline-block;min-height:44px;line-height:44px}
.picker{margin-bottom:1rem}
.qr-sheet{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}
.qr-card{border:1px dashed #64748b;padding:.75rem;text-align:center;break-inside:avoid;page-break-inside:avoid}
.qr-card h2{margin:.25rem 0;font-size:1.2rem}
.qr-card .qr-kind{margin:0;color:#475569}
.qr-card svg.qr{width:100%;max-width:12rem;height:auto;display:block;margin:.5rem auto}
.qr-url{font-family:ui-monospace,monospace;font-size:.75rem;overflow-wrap:anywhere;margin:0}
@media print{.qr-sheet{grid-template-columns:repeat(3,1fr);gap:.5cm}.qr-card{border:1px dashed #000}.qr-card .qr-kind{color:#000}}
`;

/** The Today grid: resources in rows, hours in columns; a list per resource on narrow screens. */
export const TODAY_CSS = `
.table-wrap,.block,button{position:relative}
.picker{margin-bottom:.5rem}
.day-links{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.day-links a{display:inline-block;min-height:44px;line-height:44px}
.refresh-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
.pending-line .button{background:#fef9c3;color:#713f12;border-color:#713f12;font-weight:600}
.now-summary{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
.today-wrap{border:1px solid #cbd5e1;border-radius:4px}
.today-grid{display:flex;flex-direction:column;width:max-content;min-width:100%}
.today-grid .track{max-width:none}
.res-row{display:grid;grid-template-columns:10rem 1fr;border-bottom:1px solid #e2e8f0}
.res-name{font-size:1rem;margin:0;padding:.4rem .5rem;background:#f8fafc;position:sticky;left:0;z-index:1;border-right:1px solid #cbd5e1}
.res-name .kind{display:block;font-weight:400;font-size:.85rem;color:#475569}
.track{display:grid;grid-auto-flow:row dense;gap:0;list-style:none;margin:0;padding:2px}
.hours span{font-size:.85rem;color:#334155;border-left:1px solid #94a3b8;padding-left:.25rem}
.block{margin:1px;display:flex;flex-direction:column;gap:.15rem;align-items:flex-start;padding:.3rem;border:1px solid currentColor;border-radius:4px;font-size:.85rem;min-width:0;overflow-wrap:anywhere}
.block .badge{background:#fff;white-space:normal;border-radius:4px}
.block .time{font-weight:700}
.block form{margin:0}
.block button{font-size:.85rem;padding:.3rem .6rem}
.block.slot{border-style:dashed}
.block.state-closed{background:repeating-linear-gradient(45deg,#e5e7eb 0 6px,#f3f4f6 6px 12px)}
@media (max-width:40rem){
  .today-wrap{border:0;overflow:visible}
  .today-grid{width:auto}
  .res-row{display:block;border:1px solid #cbd5e1;border-radius:4px;margin-bottom:.75rem}
  .res-name{position:static;border-right:0;border-bottom:1px solid #cbd5e1}
  .track{display:flex;flex-direction:column;width:auto!important;min-width:0!important}
  .block{grid-column:auto!important}
  .res-row.hours-row{display:none}
}
@media print{.block button{display:none}}
`;

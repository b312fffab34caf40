/** The frame, forms, tables and state badges. Colours pass WCAG AA contrast on their backgrounds. */
export const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0}
a{color:#0b4f9c}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;background:#f1f5f9;border-bottom:1px solid #cbd5e1}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:#1a1a1a}
.nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;margin:0;padding:0}
.nav a{display:inline-block;padding:.4rem .2rem;min-height:44px;line-height:2}
.nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.tools{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin-left:auto;align-items:center}
.tools form{display:flex;gap:.4rem;align-items:center;margin:0}
.who{font-size:.9rem}
main{padding:1rem;max-width:72rem;margin:0 auto}
main:focus{outline:none}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
label{font-weight:600}
input,select,textarea,button{font:inherit;min-height:44px}
input,select,textarea{padding:.4rem .5rem;border:1px solid #64748b;border-radius:4px;max-width:100%;background:#fff;color:#1a1a1a}
button,.button{display:inline-block;padding:.45rem 1rem;border:1px solid #0b4f9c;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;line-height:1.6}
button.secondary,.button.secondary{background:#fff;color:#0b4f9c}
button.danger{background:#a61b1b;border-color:#a61b1b}
.stack{display:flex;flex-direction:column;gap:.75rem;max-width:36rem}
.row{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end}
.field{display:flex;flex-direction:column;gap:.2rem}
.hint{font-size:.9rem;color:#475569}
.notice{padding:.75rem 1rem;border-left:4px solid #0b4f9c;background:#eff6ff;margin:1rem 0}
.error{padding:.75rem 1rem;border-left:4px solid #a61b1b;background:#fef2f2;margin:1rem 0}
.success{padding:.75rem 1rem;border-left:4px solid #166534;background:#f0fdf4;margin:1rem 0}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
th{background:#f8fafc}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;border:1px solid currentColor;font-size:.85rem;white-space:nowrap}
.badge .icon{margin-right:.25rem}
.state-free{color:#166534;background:#f0fdf4}
.state-booked{color:#1e3a8a;background:#eff6ff}
.state-checked_in{color:#14532d;background:#dcfce7}
.state-checked_out,.state-completed,.state-released,.state-cancelled{color:#334155;background:#f1f5f9}
.state-no_show{color:#7f1d1d;background:#fee2e2}
.state-closed{color:#1f2937;background:#e5e7eb}
.state-pending{color:#713f12;background:#fef9c3}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{.top,.no-print{display:none}main{max-width:none;padding:0}}
`;

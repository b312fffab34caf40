/** Fieldsets, radio and checkbox choices, the booking preview. */
export const FORMS_CSS = `
fieldset{border:1px solid #cbd5e1;border-radius:6px;padding:.75rem 1rem;margin:0;display:flex;flex-direction:column;gap:.75rem;min-width:0}
fieldset.inner{border-style:dashed}
legend{font-weight:700;padding:0 .25rem}
.choices{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.choice{display:inline-flex;align-items:center;gap:.4rem;font-weight:400;min-height:44px}
.choice input{min-height:auto;width:1.25rem;height:1.25rem}
.preview{border:2px solid #0b4f9c;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}
.sessions{columns:14rem;margin:.5rem 0}
form.inline{display:inline-block;margin:0 .4rem .4rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.25rem;margin:.4rem 0}
.card{border:1px solid #cbd5e1;border-radius:6px;padding:.25rem 1rem .75rem;margin:1rem 0}
.card h2{margin-top:.5rem}
.session-list,.free-list{list-style:none;padding:0;margin:.5rem 0}
.session-list>li,.free-list>li{padding:.5rem 0;border-top:1px solid #e2e8f0}
button.big{font-size:1.25rem;padding:.75rem 1.5rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
`;

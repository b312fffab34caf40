/** People, organizations, the audit log, the network and sign-up: field messages, facts, lists. */
export const PEOPLE_CSS = `
.field-error{margin:.2rem 0 0;color:#a61b1b;font-weight:600}
[aria-invalid=true]{border:2px solid #a61b1b}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem;margin:1rem 0;padding:0}
.facts div{border:1px solid #cbd5e1;border-radius:4px;padding:.4rem .75rem;min-width:0;overflow-wrap:anywhere}
.facts dt{font-size:.9rem;color:#475569}
.facts dd{margin:0;font-weight:600}
.links,.chips,.plain{list-style:none;padding:0;margin:.75rem 0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.links a:not(.button),.chips a,.pages a,.entry-links a{display:inline-block;min-height:44px;line-height:44px}
.plain{display:block;margin:0}
.chips li{padding:0 .75rem;border:1px solid #cbd5e1;border-radius:999px;background:#f8fafc}
.pages{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:1rem 0}
.filters{margin:.5rem 0 1rem}
.filters .field{min-width:0;max-width:100%}
.secret .password{font-size:1.5rem;letter-spacing:.05em}
.secret code{background:#fff;border:1px dashed #0b4f9c;padding:.2rem .5rem;overflow-wrap:anywhere}
.people-table{min-width:44rem}
.audit-list{list-style:none;padding:0;margin:.5rem 0}
.audit-list>li{border-top:1px solid #e2e8f0;padding:.5rem 0;overflow-wrap:anywhere}
.audit-list p{margin:.15rem 0}
.audit-list .when{font-size:.9rem;color:#475569}
.entry-links{display:flex;flex-wrap:wrap;gap:0 1rem;font-size:.9rem}
.org-list{list-style:none;padding:0;margin:.5rem 0}
.org-list>li{border-top:1px solid #e2e8f0;padding:.5rem 0}
.org-list .field{flex:1 1 14rem;min-width:0}
.org-list input{width:100%}
`;

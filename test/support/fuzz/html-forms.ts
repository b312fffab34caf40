/**
 * The forms and links of a rendered page, read from its HTML the way a browser would submit them:
 * each `<form>` with its action and method, the fields inside it or naming it with `form="…"`,
 * and one submission per submit button (`formaction`, `formmethod`, a named button's value).
 */

export interface FormField {
  name: string;
  /** The value a browser would send without any typing (a checkbox's only when checked). */
  value: string;
  /** `input` types (`hidden`, `date`, `number`…), or `select`, `textarea`, `checkbox`, `radio`. */
  type: string;
  /** For a select or a radio group: the values offered. */
  options: string[];
  /** A checkbox or radio that is not checked is not sent unless chosen. */
  sent: boolean;
}

export interface FormSubmission {
  method: 'GET' | 'POST';
  /** Path and query the form submits to, resolved against the page. */
  action: string;
  fields: FormField[];
  /** The page the form was found on. */
  page: string;
}

interface Tag {
  name: string;
  closing: boolean;
  attributes: Map<string, string>;
  /** Where the tag ends in the HTML (for the text of a textarea or option). */
  end: number;
}

const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? "'";
  });
}

function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  // Comments and scripts hold no forms; blank them so their text is not read as tags.
  const clean = html.replace(/<!--[\s\S]*?-->|<script[\s\S]*?<\/script>/gi, (m) =>
    ' '.repeat(m.length),
  );
  for (const match of clean.matchAll(TAG)) {
    const attributes = new Map<string, string>();
    for (const a of (match[3] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set(a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    tags.push({
      name: match[2].toLowerCase(),
      closing: match[1] === '/',
      attributes,
      end: match.index + match[0].length,
    });
  }
  return tags;
}

function textUntil(html: string, from: number, closing: string): string {
  const end = html.toLowerCase().indexOf(`</${closing}`, from);
  return decodeEntities(html.slice(from, end < 0 ? from : end));
}

/** Resolves an href or action against the page's path; null when it leaves the site. */
export function sitePath(target: string, page: string): string | null {
  const base = new URL(page, 'http://site.invalid');
  const url = new URL(target || page, base);
  if (url.origin !== base.origin) return null;
  return url.pathname + url.search;
}

export function formsOf(html: string, page: string): FormSubmission[] {
  interface Building {
    form: Tag;
    fields: FormField[];
    buttons: Tag[];
  }
  const tags = tagsOf(html);
  const forms: Building[] = [];
  const byId = new Map<string, Building>();
  const orphans: Array<{ owner: string; field?: FormField; button?: Tag }> = [];
  let open: Building | undefined;
  let select: FormField | undefined;
  const attach = (tag: Tag, field?: FormField, button?: Tag) => {
    const owner = tag.attributes.get('form');
    if (owner !== undefined) orphans.push({ owner, field, button });
    else if (open && field) open.fields.push(field);
    else if (open && button) open.buttons.push(button);
  };
  for (const tag of tags) {
    if (tag.name === 'form') {
      if (tag.closing) open = undefined;
      else {
        open = { form: tag, fields: [], buttons: [] };
        forms.push(open);
        const id = tag.attributes.get('id');
        if (id) byId.set(id, open);
      }
      continue;
    }
    if (tag.closing) {
      if (tag.name === 'select') select = undefined;
      continue;
    }
    const name = tag.attributes.get('name');
    const disabled = tag.attributes.has('disabled');
    if (tag.name === 'option' && select) {
      const value = tag.attributes.get('value') ?? textUntil(html, tag.end, 'option').trim();
      select.options.push(value);
      if (tag.attributes.has('selected') || select.options.length === 1) select.value = value;
      continue;
    }
    if (
      tag.name === 'button' ||
      (tag.name === 'input' && /^(submit|image)$/i.test(tag.attributes.get('type') ?? ''))
    ) {
      const type = (tag.attributes.get('type') ?? 'submit').toLowerCase();
      if ((type === 'submit' || type === 'image') && !disabled) attach(tag, undefined, tag);
      continue;
    }
    if (!name || disabled) continue;
    if (tag.name === 'select') {
      select = { name, value: '', type: 'select', options: [], sent: true };
      attach(tag, select);
    } else if (tag.name === 'textarea') {
      attach(tag, {
        name,
        value: textUntil(html, tag.end, 'textarea'),
        type: 'textarea',
        options: [],
        sent: true,
      });
    } else if (tag.name === 'input') {
      const type = (tag.attributes.get('type') ?? 'text').toLowerCase();
      if (type === 'reset' || type === 'button' || type === 'file') continue;
      const checkable = type === 'checkbox' || type === 'radio';
      const value = tag.attributes.get('value') ?? (checkable ? 'on' : '');
      attach(tag, {
        name,
        value,
        type,
        options: checkable ? [value] : [],
        sent: !checkable || tag.attributes.has('checked'),
      });
    }
  }
  for (const { owner, field, button } of orphans) {
    const form = byId.get(owner);
    if (form && field) form.fields.push(field);
    if (form && button) form.buttons.push(button);
  }
  const submissions: FormSubmission[] = [];
  for (const { form, fields, buttons } of forms) {
    const variants = buttons.length > 0 ? buttons : [undefined];
    for (const button of variants) {
      const method = (
        button?.attributes.get('formmethod') ??
        form.attributes.get('method') ??
        'get'
      ).toUpperCase();
      const action = sitePath(
        button?.attributes.get('formaction') ?? form.attributes.get('action') ?? '',
        page,
      );
      if (action === null) continue;
      const own = [...fields];
      const buttonName = button?.attributes.get('name');
      if (buttonName) {
        own.push({
          name: buttonName,
          value: button!.attributes.get('value') ?? '',
          type: 'submit',
          options: [],
          sent: true,
        });
      }
      submissions.push({ method: method === 'POST' ? 'POST' : 'GET', action, fields: own, page });
    }
  }
  return submissions;
}

/** The same-site paths the page links to. */
export function linksOf(html: string, page: string): string[] {
  const links: string[] = [];
  for (const tag of tagsOf(html)) {
    if (tag.closing || tag.name !== 'a') continue;
    const href = tag.attributes.get('href');
    if (href === undefined || href.startsWith('#')) continue;
    const path = sitePath(href, page);
    if (path) links.push(path);
  }
  return links;
}

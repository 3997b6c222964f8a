import type { Context } from 'hono';

/** The whole stylesheet: small, no build step, readable on a phone; contrast per WCAG AA. */
export const CSS = `
:root { --fg:#1b1f24; --muted:#4f5863; --bg:#fff; --line:#d0d7de; --accent:#0b5cad; --accent-fg:#fff;
  --ok-bg:#e6f4ea; --ok-fg:#14532d; --err-bg:#fdecea; --err-fg:#8a1c13; --info-bg:#e8f0fb; --info-fg:#123e6b; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); line-height: 1.5; }
body { margin: 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: #f6f8fa; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); font-size: 1.1rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header.top nav a { text-decoration: none; } header.top nav a[aria-current] { font-weight: 700; text-decoration: underline; }
.tools { margin-inline-start: auto; display: flex; gap: 1rem; align-items: center; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; } main.narrow { max-width: 36rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h1, h2, h3 { overflow-wrap: break-word; hyphens: auto; }
form.inline { display: inline; margin: 0; }
.field { margin: 0 0 1rem; display: flex; flex-direction: column; gap: .2rem; }
label { font-weight: 600; } label:has(> input[type=radio]) { font-weight: 400; } .hint { color: var(--muted); } .error { color: var(--err-fg); font-weight: 600; }
input, select, textarea { font: inherit; padding: .45rem .6rem; border: 1px solid #8c959f; border-radius: 4px; max-width: 100%; }
.invalid input, .invalid select { border: 2px solid var(--err-fg); }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1.25rem; padding: .75rem 1rem; min-width: 0; }
select { max-width: 100%; }
legend { font-weight: 700; padding: 0 .25rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(14rem, 100%), 1fr)); gap: 0 1rem; align-items: end; }
button, .button { font: inherit; background: var(--accent); color: var(--accent-fg); border: 0; border-radius: 4px; padding: .5rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
button.link { background: none; color: var(--accent); padding: 0; text-decoration: underline; }
button.danger { background: var(--err-fg); }
.flash, .error-summary { padding: .75rem 1rem; border-radius: 6px; margin: 0 0 1rem; }
.flash.success { background: var(--ok-bg); color: var(--ok-fg); } .flash.error, .error-summary { background: var(--err-bg); color: var(--err-fg); }
.flash.info { background: var(--info-bg); color: var(--info-fg); }
.error-summary a { color: var(--err-fg); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: start; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; } td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
.empty { color: var(--muted); font-style: italic; padding: 1rem; border: 1px dashed var(--line); border-radius: 6px; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #eaeef2; font-size: .9em; }
.badge.failed, .badge.disabled { background: var(--err-bg); color: var(--err-fg); } .badge.sent, .badge.active { background: var(--ok-bg); color: var(--ok-fg); }
pre { white-space: pre-wrap; background: #f6f8fa; padding: .75rem; border-radius: 6px; overflow-x: auto; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
code.secret { font-size: 1.05em; background: #fff8c5; padding: .25rem .5rem; word-break: break-all; }
details { margin: .25rem 0; }
.field.checkbox label { font-weight: 400; } .field.checkbox input { margin-inline-end: .4rem; }
.pager { margin: 1rem 0; } .toolbar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
.toolbar .field { margin: 0; min-width: 0; max-width: 100%; } .toolbar > form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; } .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.langs { display: flex; gap: .75rem; flex-wrap: wrap; } .langs a[aria-current=true] { font-weight: 700; text-decoration: none; color: var(--fg); }
.live-check { min-height: 1.5em; } .live-check.ok { color: var(--ok-fg); } .live-check.bad { color: var(--err-fg); font-weight: 600; }
.legal { background: #f6f8fa; border-inline-start: 4px solid var(--line); padding: .5rem 1rem; }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
/* text for screen readers only (an action column's header) */
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
footer.public { max-width: 72rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: .9rem; }
[dir=rtl] input[dir=ltr] { text-align: left; }
ul.actions { list-style: none; padding: 0; } .legal p { margin: .4rem 0; }
/* right to left: the hidden skip link must overflow on the side that does not scroll; the association's name keeps its own direction */
[dir=rtl] .skip { left: auto; right: -999px; } [dir=rtl] .skip:focus { right: 1rem; } header.top .brand { unicode-bidi: plaintext; }
/* the honeypot of public forms: pushed out on the side that does not scroll (as .skip), else a right-to-left page is 10,000 px wide */
[dir=rtl] .hp { left: auto; right: -10000px; }
/* donation page: preset amounts as buttons, the GiroCode, the embedded form */
.presets { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 1rem; } label.preset { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .8rem; font-weight: 600; }
label.preset:has(input:checked) { border: 2px solid var(--accent); background: var(--info-bg); } figure.qr { margin: 1rem 0; } figure.qr img { width: 15rem; height: auto; image-rendering: pixelated; }
body.embed main { padding: .5rem; } body.embed h1 { font-size: 1.3rem; margin-top: 0; } textarea.snippet { width: 100%; font-family: monospace; font-size: .9rem; }
iframe.preview { width: 100%; max-width: 30rem; height: 40rem; border: 1px solid var(--line); }
@media (max-width: 40rem) { .tools { margin-inline-start: 0; } th, td { padding: .3rem; }
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .5rem; overflow-wrap: anywhere; } }
/* dashboard (web/reports): each chart beside the table of its numbers, stacked on a phone; minmax(0, …) lets the table scroll inside its .table-wrap instead of widening the page */
.chart-block { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
@media (max-width: 700px) { .chart-block { grid-template-columns: minmax(0, 1fr); } }
.chart-figure { margin: 0; } svg.chart { max-width: 100%; height: auto; }
/* the income table has seven columns: it goes under its chart, at full width; captions start where the table does */
.chart-block:has(#table-income) { grid-template-columns: minmax(0, 1fr); } .chart-block caption { text-align: start; }
`;

export function cssRoute(c: Context) {
  return c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' });
}

/**
 * The live IBAN check of the public forms: ISO 13616 MOD 97-10 and the country's length, as
 * the server checks again (api/lib/iban.ts). It carries no text of its own: the messages come
 * from the input's data-ok / data-bad attributes, in the page's language, and are announced
 * through an aria-live region. Without JavaScript the server's check is all there is.
 */
export const IBAN_CHECK_JS = `
(function () {
  var LENGTHS = { AD:24, AT:20, BE:16, BG:22, CH:21, CY:28, CZ:24, DE:22, DK:18, EE:20, ES:24, FI:18, FR:27, GB:22, GI:23, GR:27,
    HR:21, HU:28, IE:22, IS:26, IT:27, LI:21, LT:20, LU:20, LV:21, MC:27, MT:31, NL:18, NO:15, PL:28, PT:25, RO:24, SE:24,
    SI:19, SK:24, SM:27, VA:22 };
  function valid(raw) {
    var iban = raw.replace(/\\s+/g, '').toUpperCase();
    if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban) || LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
    var moved = iban.slice(4) + iban.slice(0, 4), rest = 0;
    for (var i = 0; i < moved.length; i++) {
      var c = moved.charCodeAt(i), digits = c >= 65 ? String(c - 55) : moved[i];
      for (var j = 0; j < digits.length; j++) rest = (rest * 10 + Number(digits[j])) % 97;
    }
    return rest === 1;
  }
  document.querySelectorAll('input[data-iban-check]').forEach(function (input) {
    var out = document.getElementById(input.getAttribute('data-iban-check'));
    if (!out) return;
    function check(final) {
      var value = input.value.replace(/\\s+/g, '');
      if (!value || (!final && value.length < 15)) { out.textContent = ''; out.className = 'live-check'; return; }
      var ok = valid(value);
      out.textContent = input.getAttribute(ok ? 'data-ok' : 'data-bad');
      out.className = 'live-check ' + (ok ? 'ok' : 'bad');
      input.setAttribute('aria-invalid', ok ? 'false' : 'true');
    }
    input.addEventListener('input', function () { check(false); });
    input.addEventListener('blur', function () { check(true); });
  });
})();
`;

export function ibanCheckRoute(c: Context) {
  return c.body(IBAN_CHECK_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' });
}

/**
 * The donation form's small helper: the receipt address shows only when a receipt is wanted,
 * "anonymous" and "receipt" exclude each other, and a typed amount unticks the presets (a
 * ticked preset empties the typed one). Without JavaScript the form shows everything and the
 * server decides (the typed amount wins).
 */
export const DONATE_JS = `
(function () {
  document.querySelectorAll('form[data-donate]').forEach(function (form) {
    var receipt = form.querySelector('input[name=receipt_wanted]');
    var anonymous = form.querySelector('input[name=anonymous]');
    var address = document.getElementById('receipt-address');
    var typed = form.querySelector('input[name=amount]');
    var presets = form.querySelectorAll('input[name=preset]');
    function sync() { if (address && receipt) address.hidden = !receipt.checked; }
    if (receipt) receipt.addEventListener('change', function () { if (receipt.checked && anonymous) anonymous.checked = false; sync(); });
    if (anonymous) anonymous.addEventListener('change', function () { if (anonymous.checked && receipt) { receipt.checked = false; sync(); } });
    presets.forEach(function (p) { p.addEventListener('change', function () { if (p.checked && typed) typed.value = ''; }); });
    if (typed) typed.addEventListener('input', function () { if (typed.value.trim()) presets.forEach(function (p) { p.checked = false; }); });
    sync();
  });
})();
`;

export function donateScriptRoute(c: Context) {
  return c.body(DONATE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' });
}

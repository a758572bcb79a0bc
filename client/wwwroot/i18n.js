// FlashSale's languages: message catalogues in /i18n/<language>.json; numbers, money, dates and countdowns through Intl.
// window.FlashSaleI18n.t(key, vars) gives the text in the shopper's language (English where a catalogue lacks the key,
// undefined for a key no catalogue has, so a caller can keep its own default).
"use strict";
(() => {
  // The storefront's languages, each named in itself for the picker. To add one: a catalogue file and a line here.
  const languages = { en: "English", es: "Español", hi: "हिन्दी", "pt-BR": "Português (Brasil)", ru: "Русский" };
  const fallback = "en";
  const savedKey = "flashsale.locale";
  const codes = Object.keys(languages);
  const base = (tag) => String(tag).split("-")[0].toLowerCase();
  const wanted = () => (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || fallback]);

  /** The saved choice, else the first of the browser's languages we speak (exactly, else by its base language). */
  function choose() {
    const saved = localStorage.getItem(savedKey);
    if (saved && languages[saved]) return saved;
    for (const tag of wanted()) {
      const exact = codes.find((code) => code.toLowerCase() === String(tag).toLowerCase());
      if (exact) return exact;
      const near = codes.find((code) => base(code) === base(tag));
      if (near) return near;
    }
    return fallback;
  }

  // Numbers and dates follow the browser's own variant of the chosen language where it has one (en-GB, es-MX).
  const formatLocaleFor = (code) => wanted().find((tag) => base(tag) === base(code) && String(tag).includes("-")) || code;

  const catalogues = {};
  async function load(code) {
    if (catalogues[code]) return catalogues[code];
    try {
      const response = await fetch(`/i18n/${code}.json`, { headers: { Accept: "application/json" } });
      catalogues[code] = response.ok ? await response.json() : {};
    } catch {
      catalogues[code] = {};
    }
    return catalogues[code];
  }

  const api = {
    languages,
    locale: fallback,
    formatLocale: fallback,
    ready: null,
    t,
    parts,
    has: (key) => lookup(key) !== undefined,
    number: (value, options) => new Intl.NumberFormat(api.formatLocale, options).format(value),
    money: (m) => (m ? new Intl.NumberFormat(api.formatLocale, { style: "currency", currency: m.currency }).format(m.amount) : ""),
    currencyName: (code) => { try { return new Intl.DisplayNames([api.formatLocale], { type: "currency" }).of(code) || code; } catch { return code; } },
    date: (value, options = { dateStyle: "medium", timeStyle: "short" }) => new Intl.DateTimeFormat(api.formatLocale, options).format(new Date(value)),
    dateRange: (from, to, options = { dateStyle: "medium", timeStyle: "short" }) =>
      new Intl.DateTimeFormat(api.formatLocale, options).formatRange(new Date(from), new Date(to)),
    relative: (value, unit) => new Intl.RelativeTimeFormat(api.formatLocale, { numeric: "always" }).format(value, unit),
    clock,
    apply,
    setLocale,
  };

  function lookup(key) {
    const own = catalogues[api.locale] && catalogues[api.locale][key];
    if (own !== undefined) return { text: own, locale: api.formatLocale };
    const english = catalogues[fallback] && catalogues[fallback][key];
    return english === undefined ? undefined : { text: english, locale: fallback };
  }

  /** A message as pieces, each {name} replaced by vars.name: a number formatted for the language, a Node kept as it is. */
  function parts(key, vars = {}) {
    const found = lookup(key);
    if (found === undefined) return undefined;
    let text = found.text;
    // A message that depends on a count holds one text per plural category of its language (one, few, many, other).
    if (typeof text === "object") text = text[new Intl.PluralRules(found.locale).select(Number(vars.count))] ?? text.other;
    return String(text).split(/(\{\w+\})/).filter((piece) => piece !== "").map((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece);
      if (!name || !(name[1] in vars)) return piece;
      const value = vars[name[1]];
      return typeof value === "number" ? api.number(value) : value;
    });
  }

  function t(key, vars = {}) {
    const pieces = parts(key, vars);
    return pieces === undefined ? undefined : pieces.map((piece) => (piece instanceof Node ? piece.textContent : String(piece ?? ""))).join("");
  }

  /** A countdown as a clock in the language's digits: 1:05:09, or 5:09 under an hour. */
  function clock(ms) {
    const s = Math.max(0, Math.floor(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    const two = (n) => api.number(n, { minimumIntegerDigits: 2, useGrouping: false });
    return h > 0 ? `${api.number(h, { useGrouping: false })}:${two(m)}:${two(sec)}` : `${api.number(m)}:${two(sec)}`;
  }

  /** Translates the page's fixed texts: data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label). */
  function apply(root = document) {
    document.documentElement.lang = api.locale;
    for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n) ?? node.textContent;
    for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder) ?? node.placeholder;
    for (const node of root.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel) ?? node.getAttribute("aria-label"));
  }

  async function setLocale(code, { remember = true } = {}) {
    if (!languages[code]) code = fallback;
    await Promise.all([load(fallback), load(code)]);
    api.locale = code;
    api.formatLocale = formatLocaleFor(code);
    if (remember) localStorage.setItem(savedKey, code);
    apply();
    window.dispatchEvent(new CustomEvent("flashsale:locale", { detail: { locale: code } }));
  }

  api.ready = setLocale(choose(), { remember: false });
  window.FlashSaleI18n = api;
})();

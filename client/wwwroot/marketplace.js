// FlashSale marketplace in the storefront: delivery promise, Local badge, local-first order, free-shipping nudge,
// ratings, and "my orders" with each order's timeline, dispute and review. Loaded after shop.js, whose helpers
// (state, api, el, $, money, explain) it uses; it enhances what shop.js draws and changes none of it.
"use strict";

// Every text this file shows, by key, in English; {name} marks a value. A translation sets window.FlashSaleI18n.t(key, vars).
const marketplaceTexts = {
  "market.shipsFrom": "Ships from {country} · arrives {dates}",
  "market.arrivesOnly": "Arrives {dates}",
  "market.local": "Local",
  "market.localFirst": "Local first",
  "market.freeShippingAdd": "Add {amount} for free shipping",
  "market.freeShipping": "Free shipping",
  "market.rating": "★ {average} ({count})",
  "market.noRating": "No reviews yet",
  "market.timeline": "Timeline",
  "market.stage.paid": "Paid",
  "market.stage.shipped": "Shipped",
  "market.stage.delivered": "Delivered",
  "market.stage.cancelled": "Cancelled",
  "market.event.placed": "Ordered",
  "market.event.paid": "Paid",
  "market.event.shipped": "Shipped ({detail})",
  "market.event.delivered": "Delivered",
  "market.event.dispute-opened": "Dispute opened: {detail}",
  "market.event.dispute-rejected": "Dispute rejected: {detail}",
  "market.event.refunded": "Refunded {detail}",
  "market.event.cancelled": "Cancelled",
  "market.arrives": "Arrives {dates}",
  "market.protection": "Buyer protection until {date}",
  "market.dispute": "Report a problem",
  "market.dispute.notReceived": "Not received",
  "market.dispute.notAsDescribed": "Not as described",
  "market.dispute.message": "What happened?",
  "market.dispute.send": "Open dispute",
  "market.dispute.status": "Dispute: {status}",
  "market.review": "Rate this product",
  "market.review.text": "A few words (optional)",
  "market.review.send": "Post review",
  "market.review.thanks": "Thank you for your review.",
  "market.refunded": "Refunded: {amount}",
};

const format = (text, vars) => text.replace(/\{(\w+)\}/g, (_, name) => (vars && vars[name] !== undefined ? String(vars[name]) : ""));
const tr = (key, english, vars) => window.FlashSaleI18n?.t?.(key, vars) ?? format(english ?? marketplaceTexts[key] ?? key, vars);
const t = (key, vars) => tr(key, marketplaceTexts[key], vars);

const market = { localFirst: localStorage.getItem("flashsale.localFirst") === "1" };
const locale = () => document.documentElement.lang || undefined;

function countryName(code) {
  try { return new Intl.DisplayNames([locale() || "en"], { type: "region" }).of(code) || code; } catch { return code; }
}

// "Dec 3–6", or "Dec 30 – Jan 4" across months (dates are UTC days).
function dateRange(earliest, latest) {
  const day = (iso) => new Date(`${iso}T00:00:00Z`);
  const a = day(earliest), b = day(latest);
  const month = new Intl.DateTimeFormat(locale(), { month: "short", timeZone: "UTC" });
  const full = new Intl.DateTimeFormat(locale(), { month: "short", day: "numeric", timeZone: "UTC" });
  if (a.getUTCMonth() === b.getUTCMonth() && a.getUTCFullYear() === b.getUTCFullYear()) {
    return a.getUTCDate() === b.getUTCDate() ? full.format(a) : `${month.format(a)} ${a.getUTCDate()}–${b.getUTCDate()}`;
  }
  return `${full.format(a)} – ${full.format(b)}`;
}
const when = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

function itemOf(card) {
  const article = card.closest("[data-sale]");
  const sale = article && state.sales.find((s) => s.id === article.dataset.sale);
  return sale && sale.items.find((i) => i.sku === card.dataset.sku);
}

// --- sale cards -------------------------------------------------------------------------------
function enhanceCard(card) {
  if (card.dataset.market) return;
  const item = itemOf(card);
  if (!item) return;
  card.dataset.market = "1";
  card.dataset.local = item.local ? "1" : "0";
  const title = $("h3", card);
  if (item.local) title.append(" ", el("span", { class: "badge local", "data-role": "local" }, t("market.local")));
  const lines = [];
  if (item.deliveryBy) {
    const dates = dateRange(item.deliveryBy.earliest, item.deliveryBy.latest);
    lines.push(el("div", { class: "delivery", "data-role": "delivery" },
      item.shipsFrom ? t("market.shipsFrom", { country: countryName(item.shipsFrom), dates }) : t("market.arrivesOnly", { dates })));
  }
  if (item.rating) {
    lines.push(el("div", { class: "rating", "data-role": "rating" },
      item.rating.count ? t("market.rating", { average: item.rating.average.toFixed(1), count: item.rating.count }) : t("market.noRating")));
  }
  lines.push(el("div", { class: "free-shipping", "data-role": "free-shipping" }));
  title.after(...lines);
  card.addEventListener("flashsale:quote", (event) => showFreeShipping(card, event.detail));
}

// How much more the order needs for free shipping, from the region's threshold and the quote's subtotal after discount.
function showFreeShipping(card, quote) {
  const line = $("[data-role=free-shipping]", card);
  const region = state.regions.find((r) => r.code === state.region);
  if (!line || !region || region.freeShippingThreshold == null) return;
  const spent = quote.subtotal.amount - quote.discount.amount;
  const missing = Math.round((region.freeShippingThreshold - spent) * 100) / 100;
  line.textContent = missing > 0 && quote.shipping.amount > 0
    ? t("market.freeShippingAdd", { amount: money({ amount: missing, currency: quote.total.currency }) })
    : t("market.freeShipping");
}

// Local first: cards that ship from the shopper's country lead each sale, the rest keep their order.
function orderCards() {
  for (const grid of document.querySelectorAll("#sales .grid")) {
    const cards = [...grid.children];
    const sorted = market.localFirst
      ? [...cards].sort((a, b) => Number(b.dataset.local === "1") - Number(a.dataset.local === "1") || Number(a.dataset.position) - Number(b.dataset.position))
      : [...cards].sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position));
    if (sorted.some((card, i) => card !== cards[i])) grid.append(...sorted);
  }
}

function enhanceSales() {
  for (const grid of document.querySelectorAll("#sales .grid")) {
    [...grid.children].forEach((card, i) => { if (card.dataset.position === undefined) card.dataset.position = String(i); });
  }
  document.querySelectorAll("#sales .card[data-sku]").forEach(enhanceCard);
  orderCards();
}

function addLocalFirstToggle() {
  const box = el("input", { type: "checkbox", id: "local-first", "data-role": "local-first" });
  box.checked = market.localFirst;
  box.addEventListener("change", () => {
    market.localFirst = box.checked;
    localStorage.setItem("flashsale.localFirst", box.checked ? "1" : "0");
    orderCards();
  });
  const text = el("span", {}, t("market.localFirst"));
  $("#region").after(el("label", { class: "local-first", for: "local-first" }, box, " ", text));
  // Drawn before the catalogue may have loaded: said again once it has, and after every change of language.
  const relabel = () => { text.textContent = t("market.localFirst"); };
  window.FlashSaleI18n?.ready?.then(relabel);
  window.addEventListener("flashsale:locale", relabel);
}

// --- my orders ----------------------------------------------------------------------------------
async function enhanceOrders() {
  const panel = $("#orders");
  const rows = [...panel.querySelectorAll("tbody tr:not([data-journey])")].filter((row) => !row.dataset.market);
  for (const row of rows.slice(0, 20)) {
    row.dataset.market = "1";
    // The row's status and id as data (its cells are in the shopper's language).
    if (row.dataset.status !== "confirmed") continue;
    const orderId = row.dataset.order;
    const result = await api(`/api/orders/${encodeURIComponent(orderId)}/timeline`);
    if (!result.ok) continue;
    const holder = el("tr", { "data-journey": orderId }, el("td", { colspan: 5 }, renderJourney(result.data)));
    row.after(holder);
  }
}

function renderJourney(j) {
  const box = el("div", { class: "journey", "data-order": j.orderId });
  const stage = el("span", { class: `badge stage-${j.stage}`, "data-role": "stage" }, t(`market.stage.${j.stage}`));
  box.append(el("div", { class: "row" }, stage,
    j.stage === "paid" || j.stage === "shipped" ? el("span", {}, t("market.arrives", { dates: dateRange(j.deliveryBy.earliest, j.deliveryBy.latest) })) : "",
    j.refunded.amount > 0 ? el("span", { "data-role": "refunded" }, t("market.refunded", { amount: money(j.refunded) })) : "",
    el("span", { class: "hint" }, t("market.protection", { date: when(j.protectionEndsAt) }))));
  box.append(el("ol", { class: "timeline", "data-role": "timeline" },
    j.timeline.map((e) => el("li", { "data-kind": e.kind }, el("time", { datetime: e.at }, when(e.at)), " ", t(`market.event.${e.kind}`, { detail: e.detail || "" })))));
  if (j.dispute) box.append(el("div", { class: "message info", "data-role": "dispute" }, t("market.dispute.status", { status: j.dispute.status })));
  if (j.canDispute) box.append(disputeForm(j));
  if (j.canReview) box.append(reviewForm(j));
  if (j.reviewed) box.append(el("div", { class: "message ok" }, t("market.review.thanks")));
  return box;
}

function replaceJourney(box, journey) { box.replaceWith(renderJourney(journey)); }

function disputeForm(j) {
  const reason = el("select", { name: "reason", "aria-label": t("market.dispute") },
    el("option", { value: "not-received" }, t("market.dispute.notReceived")), el("option", { value: "not-as-described" }, t("market.dispute.notAsDescribed")));
  const message = el("input", { name: "message", maxlength: 1000, placeholder: t("market.dispute.message"), "aria-label": t("market.dispute.message"), size: 30 });
  const status = el("div", { "aria-live": "polite" });
  const form = el("form", { class: "row dispute-form", "data-role": "dispute-form" },
    el("strong", {}, t("market.dispute")), reason, message, el("button", { type: "submit" }, t("market.dispute.send")), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await api(`/api/orders/${encodeURIComponent(j.orderId)}/dispute`, { method: "POST", body: { reason: reason.value, message: message.value } });
    if (!result.ok) { status.replaceChildren(el("div", { class: "message bad" }, explain(result.data))); return; }
    replaceJourney(form.closest(".journey"), result.data);
  });
  return form;
}

function reviewForm(j) {
  const rating = el("select", { name: "rating", "aria-label": t("market.review") }, [5, 4, 3, 2, 1].map((n) => el("option", { value: n }, "★".repeat(n))));
  const text = el("input", { name: "text", maxlength: 500, placeholder: t("market.review.text"), "aria-label": t("market.review.text"), size: 30 });
  const status = el("div", { "aria-live": "polite" });
  const form = el("form", { class: "row review-form", "data-role": "review-form" },
    el("strong", {}, t("market.review")), rating, text, el("button", { class: "primary", type: "submit" }, t("market.review.send")), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await api(`/api/orders/${encodeURIComponent(j.orderId)}/review`, { method: "POST", body: { rating: Number(rating.value), text: text.value } });
    if (!result.ok) { status.replaceChildren(el("div", { class: "message bad" }, explain(result.data))); return; }
    replaceJourney(form.closest(".journey"), result.data);
  });
  return form;
}

// --- wiring: follow what shop.js draws ---------------------------------------------------------
// This file's styles live here, so the shared stylesheet stays as it is.
document.head.append(el("style", {}, `
  .badge.local { background: #dff5e3; color: #17692b; margin-left: .3rem; }
  .delivery { font-size: .85rem; color: #2c5e36; margin: .2rem 0; }
  .rating { font-size: .85rem; color: #8a6100; }
  .free-shipping { font-size: .8rem; color: #555; min-height: 1em; }
  .local-first { color: #fff; font-size: .9rem; white-space: nowrap; }
  .journey { padding: .4rem 0 .8rem; }
  .journey .row { gap: .5rem; flex-wrap: wrap; align-items: center; }
  .timeline { margin: .4rem 0; padding-left: 1.2rem; font-size: .9rem; }
  .timeline time { color: #666; margin-right: .3rem; }
  .badge.stage-delivered { background: #dff5e3; color: #17692b; }
  .badge.stage-shipped { background: #e6eeff; color: #2449a8; }
  .badge.stage-cancelled { background: #eee; color: #555; }
`));
addLocalFirstToggle();
new MutationObserver(enhanceSales).observe($("#sales"), { childList: true, subtree: true });
new MutationObserver(() => { enhanceOrders(); }).observe($("#orders"), { childList: true });

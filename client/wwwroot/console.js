// FlashSale marketer console: plain JavaScript against the admin API; the live board draws its own SVG.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
};
const svg = (tag, attributes = {}) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

let key = sessionStorage.getItem("flashsale.key") || "";
let storeRegions = [];       // the store's regions (codes), one sale-price column each
let editingSaleId = null;    // the sale the sale form edits (null: the form creates one)
let editingTimes = {};       // its window as stored (to the second), sent back unchanged when the minute-precise fields were not touched
let boardTimer = null;
const history = [];          // samples of the watched sale: { at, perSecond, rejected: {...} }

async function api(path, { method = "GET", body, idempotencyKey } = {}) {
  const headers = { "Accept": "application/json", "X-Api-Key": key };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { ok: response.ok, status: response.status, data: text ? JSON.parse(text) : null };
}

// A marketer's change: one Idempotency-Key per click, sent again with the same key while the outcome is unknown
// (503 or no answer), so a restock or a batch is applied once however often it is retried.
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
async function change(path, body, method = "POST") {
  const idempotencyKey = newKey();
  let result = { ok: false, status: 0, data: null };
  for (let attempt = 1; attempt <= 4; attempt++) {
    result = await api(path, { method, body, idempotencyKey }).catch(() => ({ ok: false, status: 0, data: null }));
    if (result.status !== 503 && result.status !== 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
  }
  return result;
}

function notice(text, kind = "info") { $("#notice").replaceChildren(text ? el("div", { class: `message ${kind}` }, text) : ""); }
function problem(result) {
  const p = result.data || {};
  const fields = p.errors ? Object.entries(p.errors).map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ") : "";
  return `${p.title || `Error ${result.status}`} ${fields || p.detail || ""}`;
}
const pairs = (text) => Object.fromEntries((text || "").split(/[\s,]+/).filter(Boolean).map((pair) => {
  const [region, amount] = pair.split("=");
  return [region.trim().toUpperCase(), Number(amount)];
}));
const iso = (local) => local ? new Date(`${local}:00Z`).toISOString() : undefined;
const number = (value) => value === "" || value === undefined ? undefined : Number(value);

$("#key").value = key;
$("#key-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  key = $("#key").value.trim();
  sessionStorage.setItem("flashsale.key", key);
  await openDashboardSession();
  await loadAll();
});

async function loadAll() {
  await loadRegions();
  await loadSales();
  await loadPromos();
}

// The Orleans dashboard is opened as plain pages, which cannot send X-Api-Key: the server gives this console a short-lived
// session cookie for it (HttpOnly, so no script reads it; the key itself never goes into a cookie).
async function openDashboardSession() {
  if (key) await api("/api/admin/session", { method: "POST" });
}
$("#dashboard").addEventListener("click", async (event) => {
  event.preventDefault();
  await openDashboardSession();
  location.assign("/dashboard");
});

async function loadSales() {
  const result = await api("/api/admin/sales");
  if (!result.ok) { notice(result.status === 401 ? "That key is not the marketer key." : problem(result), "bad"); return; }
  notice("");
  const rows = result.data.map((sale) => el("tr", {},
    el("td", {}, el("a", { href: "#", onclick: (event) => { event.preventDefault(); watch(sale.id); } }, sale.name)),
    el("td", {}, sale.status), el("td", {}, new Date(sale.startsAt).toUTCString()), el("td", {}, new Date(sale.endsAt).toUTCString()),
    el("td", {}, sale.items.map((i) => `${i.sku}: ${i.available}/${i.stock}`).join(", "))));
  $("#sales").replaceChildren(result.data.length === 0 ? el("p", { class: "empty" }, "No sales yet: create one below.") :
    el("table", {}, el("thead", {}, el("tr", {}, ["Sale", "Status", "Starts", "Ends", "Available"].map((h) => el("th", {}, h)))), el("tbody", {}, rows)));
}

// --- sale items as rows -------------------------------------------------------------------------
async function loadRegions() {
  const result = await api("/api/regions");
  const codes = result.ok ? result.data.map((r) => r.code) : [];
  if (codes.join() === storeRegions.join() && $("#item-rows tbody").children.length > 0) return;
  const rows = itemRows();
  storeRegions = codes;
  $("#item-rows thead").replaceChildren(el("tr", {}, el("th", {}, "SKU"), el("th", {}, "Stock"), el("th", {}, "Limit"),
    storeRegions.map((code) => el("th", {}, `Price ${code}`)), el("th", {}, "")));
  $("#item-rows tbody").replaceChildren();
  (rows.length ? rows : [{}]).forEach(addItemRow);
}

function addItemRow(item = {}) {
  const index = $("#item-rows tbody").children.length + 1;
  const cell = (name, attributes, value) => el("td", {}, el("input", { name, "aria-label": `${attributes.label} of item ${index}`, value: value ?? "", ...attributes.input }));
  const row = el("tr", { class: "item-row" },
    cell("sku", { label: "SKU", input: { placeholder: "SNEAKER-1", required: true } }, item.sku),
    cell("stock", { label: "Stock", input: { type: "number", min: 1, required: true } }, item.stock),
    cell("perCustomerLimit", { label: "Limit per shopper", input: { type: "number", min: 1, placeholder: "1" } }, item.perCustomerLimit),
    storeRegions.map((code) => cell(`price-${code}`, { label: `Sale price in ${code}`, input: { type: "number", min: 0, step: "0.01" } }, item.salePrices?.[code])),
    el("td", {}, el("button", { type: "button", "aria-label": `Remove item ${index}`, onclick: () => row.remove() }, "Remove")));
  $("#item-rows tbody").append(row);
}
$("#add-item").addEventListener("click", () => addItemRow());

function itemRows() {
  return Array.from(document.querySelectorAll("#item-rows tbody tr")).map((row) => {
    const value = (name) => row.querySelector(`[name="${name}"]`)?.value.trim() ?? "";
    const salePrices = Object.fromEntries(storeRegions.filter((code) => value(`price-${code}`) !== "").map((code) => [code, Number(value(`price-${code}`))]));
    return { sku: value("sku"), stock: number(value("stock")), perCustomerLimit: number(value("perCustomerLimit")), salePrices };
  }).filter((item) => item.sku || item.stock !== undefined);
}

const local = (isoTime) => isoTime ? new Date(isoTime).toISOString().slice(0, 16) : "";

// Editing a sale fills the same form; saving sends the whole definition (PUT), as the API takes it.
function editSale(sale) {
  editingSaleId = sale.id;
  editingTimes = { startsAt: sale.startsAt, endsAt: sale.endsAt };
  const form = $("#sale-form");
  form.elements.id.value = sale.id;
  form.elements.id.disabled = true;
  form.elements.name.value = sale.name;
  form.elements.startsAt.value = local(sale.startsAt);
  form.elements.endsAt.value = local(sale.endsAt);
  form.elements.regions.value = sale.regions.join(" ");
  form.elements.holdMinutes.value = sale.holdMinutes;
  form.elements.admitPerSecond.value = "";
  form.elements.admitPerSecond.disabled = true;
  $("#item-rows tbody").replaceChildren();
  sale.items.forEach(addItemRow);
  $("#sale-form-title").textContent = `Edit sale: ${sale.name}`;
  $("#sale-submit").textContent = "Save changes";
  $("#sale-cancel-edit").hidden = false;
  form.scrollIntoView();
}

function stopEditing() {
  editingSaleId = null;
  const form = $("#sale-form");
  form.reset();
  form.elements.id.disabled = false;
  form.elements.admitPerSecond.disabled = false;
  $("#item-rows tbody").replaceChildren();
  addItemRow();
  $("#sale-form-title").textContent = "New sale";
  $("#sale-submit").textContent = "Create sale";
  $("#sale-cancel-edit").hidden = true;
}
$("#sale-cancel-edit").addEventListener("click", stopEditing);

// --- promo codes ------------------------------------------------------------------------------
async function loadPromos(search = $("#promo-query").value.trim()) {
  const result = await api(`/api/admin/promo-codes?search=${encodeURIComponent(search)}`);
  if (!result.ok) { $("#promos").replaceChildren(el("p", { class: "empty" }, problem(result))); return; }
  const toggle = (promo) => el("button", { type: "button", "data-code": promo.code, onclick: async () => {
    const answer = await change(`/api/admin/promo-codes/${encodeURIComponent(promo.code)}/${promo.disabled ? "enable" : "disable"}`);
    notice(answer.ok ? `${promo.code}: ${answer.data.disabled ? "disabled" : "enabled"}.` : problem(answer), answer.ok ? "ok" : "bad");
    loadPromos();
  } }, promo.disabled ? "Enable" : "Disable");
  const rule = (p) => p.kind === "percent" ? `${p.percent} % off` : p.kind === "amount" ? `${Object.entries(p.amounts).map(([r, a]) => `${r} ${a}`).join(", ")} off` : "free shipping";
  const when = (p) => p.startsAt || p.endsAt ? `${p.startsAt ? new Date(p.startsAt).toUTCString() : "now"} – ${p.endsAt ? new Date(p.endsAt).toUTCString() : "open"}` : "always";
  $("#promos").replaceChildren(result.data.length === 0 ? el("p", { class: "empty" }, search ? `No code contains "${search}".` : "No codes yet: create one below.") :
    el("table", {}, el("thead", {}, el("tr", {}, ["Code", "Discount", "Valid", "Regions", "Redeemed", "Held", "Cap", "Status", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, result.data.map((p) => el("tr", { "data-code": p.code },
        el("td", {}, p.code), el("td", {}, rule(p)), el("td", {}, when(p)), el("td", {}, p.regions.length ? p.regions.join(" ") : "all"),
        el("td", { "data-role": "redeemed" }, String(p.redeemed)), el("td", {}, String(p.held)), el("td", {}, p.maxRedemptions ?? "none"),
        el("td", { "data-role": "status" }, p.disabled ? "disabled" : "active"), el("td", {}, toggle(p)))))));
}
$("#promo-search").addEventListener("submit", (event) => { event.preventDefault(); loadPromos(); });

// --- live board ---------------------------------------------------------------------------------
async function watch(saleId) {
  clearInterval(boardTimer);
  history.length = 0;
  const board = $("#board");
  board.hidden = false;
  const refresh = async () => {
    const [sale, stats] = await Promise.all([api(`/api/admin/sales/${saleId}`), api(`/api/admin/sales/${saleId}/stats`)]);
    if (!sale.ok || !stats.ok) return;
    const rejected = stats.data.items.reduce((total, item) => {
      for (const [reason, count] of Object.entries(item.rejected)) total[reason] = (total[reason] || 0) + count;
      return total;
    }, {});
    history.push({ at: Date.parse(stats.data.serverTime), perSecond: stats.data.ordersPerSecond, rejected });
    while (history.length > 300) history.shift();
    renderBoard(sale.data, stats.data);
  };
  await refresh();
  boardTimer = setInterval(refresh, 1000);
  board.scrollIntoView();
}

function renderBoard(sale, stats) {
  const control = (label, path) => el("button", { type: "button", onclick: async () => {
    const result = await change(`/api/admin/sales/${sale.id}/${path}`);
    notice(result.ok ? `${sale.name}: ${label.toLowerCase()} done.` : problem(result), result.ok ? "ok" : "bad");
  } }, label);
  const restock = (sku) => el("button", { type: "button", onclick: async () => {
    const quantity = Number(prompt(`Units to add to ${sku}:`, "10"));
    if (!quantity) return;
    const result = await change(`/api/admin/sales/${sale.id}/items/${encodeURIComponent(sku)}/restock`, { quantity });
    notice(result.ok ? `${sku}: ${quantity} units added.` : problem(result), result.ok ? "ok" : "bad");
  } }, "Restock");
  // The waiting room: shoppers past the rate get a place in line; empty turns it off.
  const room = el("button", { type: "button", "data-role": "waiting-room", onclick: async () => {
    const answer = prompt("Waiting room: shoppers let through per second (empty: no waiting room)", sale.waitingRoom ? String(sale.waitingRoom.admitPerSecond) : "500");
    if (answer === null) return;
    const path = `/api/admin/sales/${sale.id}/waiting-room`;
    const result = answer.trim() ? await change(path, { admitPerSecond: Number(answer) }, "PUT") : await change(path, undefined, "DELETE");
    notice(result.ok ? (result.data.waitingRoom ? `${sale.name}: waiting room on, ${result.data.waitingRoom.admitPerSecond} shoppers/s.` : `${sale.name}: waiting room off.`) : problem(result),
      result.ok ? "ok" : "bad");
    if (result.ok) Object.assign(sale, { waitingRoom: result.data.waitingRoom });
  } }, sale.waitingRoom ? `Waiting room: ${sale.waitingRoom.admitPerSecond}/s` : "Waiting room: off");
  const edit = el("button", { type: "button", "data-role": "edit-sale", onclick: () => editSale(sale) }, "Edit sale");
  // What a marketer watches: money in by region, holds turned into payments, holds given back, codes used, refusals.
  const total = (field) => stats.items.reduce((sum, item) => sum + item[field], 0);
  const orders = total("orders"), paid = total("paid");
  const refused = stats.items.reduce((sum, item) => sum + Object.values(item.rejected).reduce((a, b) => a + b, 0), 0);
  const revenue = {};
  for (const item of stats.items) for (const r of item.revenue) {
    const key = `${r.region} ${r.currency}`;
    revenue[key] = { ...r, amount: (revenue[key]?.amount || 0) + r.amount };
  }
  const money = (r) => new Intl.NumberFormat("en", { style: "currency", currency: r.currency }).format(r.amount);
  const figure = (role, label, value) => el("div", { "data-role": role }, el("span", { class: "stock" }, label), el("strong", {}, value));
  const figures = el("div", { class: "board-figures" },
    figure("orders-total", "Holds", String(orders)), figure("paid-total", "Paid", String(paid)),
    figure("conversion", "Holds paid", orders === 0 ? "–" : `${Math.round(100 * paid / orders)} %`),
    figure("cancelled-total", "Cancelled", String(total("cancelled"))), figure("expired-total", "Expired", String(total("expired"))),
    figure("promo-total", "Paid with a code", String(total("paidWithPromo"))), figure("refused-total", "Refused", String(refused)),
    Object.values(revenue).map((r) => figure(`revenue-${r.region}`, `Revenue ${r.region}`, money(r))));
  $("#board").replaceChildren(
    el("h2", {}, `Live: ${sale.name} `, el("span", { class: `badge ${sale.status}` }, sale.status)),
    figures,
    el("div", { class: "row" }, edit, control("Pause", "pause"), control("Resume", "resume"), control("End", "end"), room,
      el("span", { class: "stock" }, `${stats.ordersPerSecond} orders/s · server time ${new Date(stats.serverTime).toUTCString()}`)),
    el("table", {}, el("thead", {}, el("tr", {}, ["Item", "Sold", "Held", "Available", "Stock", "Orders", "Sold out", "Limit", "Promo", "Not live", "Rate limited", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, stats.items.map((item) => el("tr", { "data-sku": item.sku },
        el("td", {}, item.sku), el("td", { "data-role": "sold" }, String(item.sold)), el("td", { "data-role": "held" }, String(item.held)),
        el("td", { "data-role": "available" }, String(item.available)), el("td", {}, String(item.stock)), el("td", { "data-role": "orders" }, String(item.orders)),
        el("td", {}, String(item.rejected.soldOut)), el("td", {}, String(item.rejected.limit)), el("td", {}, String(item.rejected.promo)),
        el("td", {}, String(item.rejected.notLive)), el("td", {}, String(item.rejected.rateLimited)), el("td", {}, restock(item.sku)))))),
    chart());
}

// Orders per second and rejections per second (by reason) over the last five minutes.
function chart() {
  const width = 900, height = 220, pad = 36;
  const series = [
    { name: "orders/s", color: "#e8364f", values: history.map((h) => h.perSecond) },
    ...["soldOut", "limit", "promo", "notLive", "rateLimited"].map((reason, index) => ({
      name: `${reason}/s`, color: ["#6b6878", "#b86e00", "#2449a8", "#1f8a4c", "#8a2be2"][index],
      values: history.map((h, i) => i === 0 ? 0 : Math.max(0, (h.rejected[reason] - history[i - 1].rejected[reason]) / Math.max(0.001, (h.at - history[i - 1].at) / 1000))),
    })),
  ];
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i) => pad + (width - 2 * pad) * (history.length <= 1 ? 1 : i / (history.length - 1));
  const y = (v) => height - pad - (height - 2 * pad) * v / max;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": "Orders and rejections per second over the last minutes" });
  root.append(svg("line", { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: "#ccc" }));
  const top = svg("text", { x: 4, y: pad, "font-size": 11, fill: "#6b6878" }); top.textContent = max.toFixed(1); root.append(top);
  series.forEach((s, index) => {
    if (s.values.length > 1) root.append(svg("polyline", { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(" "), fill: "none", stroke: s.color, "stroke-width": 2 }));
    const legend = svg("text", { x: pad + index * 130, y: 14, "font-size": 12, fill: s.color }); legend.textContent = s.name; root.append(legend);
  });
  return el("figure", {}, root);
}

// --- forms ------------------------------------------------------------------------------------
async function submit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const result = await action(data, form);
    // The lists first: loading them clears the notice line, which then says how the change went.
    if (result && result.ok) await loadSales();
    if (result && result.ok && form.id === "region-form") await loadRegions();
    if (result) notice(result.ok ? "Saved." : problem(result), result.ok ? "ok" : "bad");
  });
}

submit($("#region-form"), (d, form) => api(`/api/admin/regions/${encodeURIComponent(d.code.trim().toUpperCase())}`, { method: "PUT", body: {
  name: d.name, currency: d.currency.trim().toUpperCase(), taxRate: number(d.taxRate), pricesIncludeTax: form.elements.pricesIncludeTax.checked,
  shippingFee: number(d.shippingFee), freeShippingThreshold: number(d.freeShippingThreshold) } }));

submit($("#product-form"), (d) => api(`/api/admin/products/${encodeURIComponent(d.sku.trim())}`, { method: "PUT", body: {
  name: d.name, description: d.description, category: d.category, imageUrl: d.imageUrl || undefined, listPrices: pairs(d.listPrices) } }));

submit($("#sale-form"), async (d) => {
  const sale = { name: d.name, startsAt: iso(d.startsAt), endsAt: iso(d.endsAt), regions: d.regions.split(/[\s,]+/).filter(Boolean).map((r) => r.toUpperCase()),
    holdMinutes: number(d.holdMinutes), items: itemRows() };
  if (editingSaleId) {
    // A started sale refuses a new window: seconds the form cannot show must not count as a change.
    for (const field of ["startsAt", "endsAt"]) if (d[field] === local(editingTimes[field])) sale[field] = editingTimes[field];
    const result = await change(`/api/admin/sales/${encodeURIComponent(editingSaleId)}`, sale, "PUT");
    if (result.ok) { stopEditing(); watch(result.data.id); }
    return result;
  }
  return change("/api/admin/sales", { id: d.id || undefined, ...sale,
    waitingRoom: number(d.admitPerSecond) ? { admitPerSecond: number(d.admitPerSecond) } : undefined });
});

submit($("#promo-form"), async (d) => {
  const list = (text) => (text || "").split(/[\s,]+/).filter(Boolean);
  const rules = { kind: d.kind, percent: d.kind === "percent" ? number(d.percent) : undefined, amounts: d.kind === "amount" ? pairs(d.amounts) : undefined,
    maxRedemptions: number(d.maxRedemptions), perCustomerLimit: number(d.perCustomerLimit),
    startsAt: iso(d.startsAt), endsAt: iso(d.endsAt), regions: list(d.regions).map((r) => r.toUpperCase()),
    minSubtotal: d.minSubtotal ? pairs(d.minSubtotal) : undefined, saleIds: list(d.saleIds), skus: list(d.skus),
    combinesWithSalePrice: $("#promo-form").elements.combinesWithSalePrice.checked };
  if (d.code) {
    const result = await change("/api/admin/promo-codes", { code: d.code, ...rules });
    if (result.ok) loadPromos();
    return result;
  }
  notice(`Creating ${d.count} codes…`, "info");
  const result = await change("/api/admin/promo-codes/batch", { prefix: d.prefix, count: number(d.count), template: rules });
  if (result.ok) {
    const csv = "code\n" + result.data.codes.join("\n") + "\n";
    const link = el("a", { href: URL.createObjectURL(new Blob([csv], { type: "text/csv" })), download: `${result.data.prefix}-codes.csv` }, `Download ${result.data.count} codes (CSV)`);
    $("#promo-result").replaceChildren(link);
  }
  return result;
});

if (key) openDashboardSession().then(loadAll);
else loadRegions();

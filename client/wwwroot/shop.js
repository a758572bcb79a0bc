// FlashSale storefront: plain JavaScript against the HTTP API, no third-party code. Every text comes from the
// shopper's language catalogue (i18n.js); numbers, money and dates are formatted by Intl.
"use strict";

const I18n = window.FlashSaleI18n;
// Named apart from other scripts' helpers: classic scripts share one global scope (marketplace.js has its own t).
const say = (key, vars) => I18n.t(key, vars) ?? key;
const sayParts = (key, vars) => I18n.parts(key, vars) ?? [key];

const state = {
  region: localStorage.getItem("flashsale.region"),
  token: localStorage.getItem("flashsale.token"),
  email: localStorage.getItem("flashsale.email"),
  regions: [],
  clockOffset: 0,        // server time minus this browser's time, so countdowns follow the server
  streams: [],
  sales: [],
};

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
};

const serverNow = () => Date.now() + state.clockOffset;
const noteServerTime = (iso) => { if (iso) state.clockOffset = Date.parse(iso) - Date.now(); };
const money = (m) => I18n.money(m);
const duration = (ms) => I18n.clock(ms);

// Every refusal of the API, in words a shopper understands, in their language: a problem type is a catalogue key
// (problem.<slug>); a type the catalogue does not know shows the API's own detail text.
const busy = new Set(["outcome-unknown", "unavailable", "overloaded"]);
function explain(problem, retryAfter) {
  const type = (problem && problem.type || "").replace("/problems/", "");
  if (type === "promo-rejected") {
    return say("promo.rejected", { reason: I18n.t(`promo.reason.${problem.reason}`) ?? say("promo.reason.other") });
  }
  if (type === "validation") {
    // The API names the fields at fault in English: shown after the sentence in the shopper's language.
    const fields = Object.values(problem.errors || {}).flat().join(" ") || problem.detail || "";
    return `${say("problem.validation")} ${fields}`.trim();
  }
  if (busy.has(type)) return say("problem.busy");
  const seconds = Number(retryAfter) || (type === "waiting-room-full" ? 10 : 1);
  return I18n.t(`problem.${type}`, { seconds }) ?? ((problem && (problem.detail || problem.title)) || say("problem.other"));
}

async function api(path, { method = "GET", body, key, ticket, auth = true } = {}) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth && state.token) headers["Authorization"] = `Bearer ${state.token}`;
  if (key) headers["Idempotency-Key"] = key;
  if (ticket) headers["Queue-Ticket"] = ticket;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (data && data.serverTime) noteServerTime(data.serverTime);
  return { ok: response.ok, status: response.status, data, retryAfter: response.headers.get("Retry-After") };
}

// The one live region: what a screen-reader user needs to hear (a hold, a refusal, sold out, payment done).
function announce(text) {
  const region = $("#announce");
  // Emptied first, so the same words said twice (two refusals in a row) are announced twice.
  region.textContent = "";
  if (text) setTimeout(() => { region.textContent = text; }, 50);
}

function notice(text, kind = "info") {
  const box = $("#notice");
  box.replaceChildren(text ? el("div", { class: `message ${kind}` }, text) : "");
  announce(text);
}

/** A refusal next to the button it answers, and said once by the live region. */
function refuse(box, text) {
  box.replaceChildren(el("div", { class: "message bad" }, text));
  announce(text);
}

// --- identity ---------------------------------------------------------------------------------
function renderIdentity() {
  const signedIn = !!state.token;
  $("#signin").hidden = signedIn;
  $("#signout").hidden = !signedIn;
  $("#show-orders").hidden = !signedIn;
  $("#who").textContent = signedIn ? state.email : "";
}

// Sign-in: by a code mailed to the address (the platform's default), or at once where the platform says sign-in is open.
const signIn = { mode: "code", resendSeconds: 30, email: null, challengeId: null, cooldownUntil: 0, timer: null };

async function loadSignInOptions() {
  const result = await api("/api/session/options", { auth: false });
  if (!result.ok) return;
  signIn.mode = result.data.mode;
  signIn.resendSeconds = result.data.resendSeconds;
  $("#unverified").hidden = signIn.mode !== "open";
  signIn.delivery = result.data.delivery; signIn.outbox = result.data.outbox;
  renderSignInTexts();
}

function renderSignInTexts() {
  const button = $("#signin button");
  button.dataset.i18n = signIn.mode === "open" ? "signin.signIn" : "signin.sendCode";
  button.textContent = say(button.dataset.i18n);
  const hint = $("#outbox-hint");
  hint.hidden = signIn.delivery !== "outbox";
  hint.textContent = signIn.delivery === "outbox" ? say("signin.outboxHint", { folder: signIn.outbox }) : "";
  if (signIn.email) $("#code-sent").replaceChildren(...sayParts("signin.codeSent", { email: el("strong", { id: "code-email" }, signIn.email) }));
}

function signedIn(session, email) {
  state.token = session.token; state.email = email;
  localStorage.setItem("flashsale.token", state.token); localStorage.setItem("flashsale.email", email);
  $("#code-step").hidden = true;
  renderIdentity();
  notice(say(signIn.mode === "open" ? "signin.signedInUnverified" : "signin.signedIn", { email }), "ok");
}

function explainSignIn(result) {
  const type = (result.data && result.data.type || "").replace("/problems/", "");
  switch (type) {
    case "code-invalid": return typeof result.data.triesLeft === "number"
      ? say("signin.codeInvalid", { count: result.data.triesLeft }) : say("signin.codeWrong");
    case "code-expired": return say("signin.codeExpired");
    case "rate-limited": return say("signin.tooOften", { seconds: Number(result.retryAfter) || 1 });
    case "unavailable": return say("signin.unavailable");
    default: return explain(result.data, result.retryAfter);
  }
}

function startCooldown(seconds) {
  signIn.cooldownUntil = Date.now() + seconds * 1000;
  clearInterval(signIn.timer);
  const tick = () => {
    const left = Math.ceil((signIn.cooldownUntil - Date.now()) / 1000);
    const button = $("#resend");
    button.disabled = left > 0;
    button.textContent = left > 0 ? say("signin.resendIn", { seconds: left }) : say("signin.resend");
    if (left <= 0) clearInterval(signIn.timer);
  };
  tick();
  signIn.timer = setInterval(tick, 1000);
}

async function askForCode(email) {
  const result = await api("/api/session", { method: "POST", body: { email }, auth: false });
  if (result.status === 200) return signedIn(result.data, email);   // open sign-in: the token at once
  if (!result.ok) {
    if (result.status === 429) startCooldown(Number(result.retryAfter) || signIn.resendSeconds);
    return { error: explainSignIn(result) };
  }
  signIn.email = email; signIn.challengeId = result.data.challengeId;
  renderSignInTexts();
  $("#code").value = "";
  $("#code-message").replaceChildren();
  $("#code-step").hidden = false;
  $("#code").focus();
  startCooldown(signIn.resendSeconds);
  return {};
}

$("#signin").addEventListener("submit", async (event) => {
  event.preventDefault();
  const email = $("#email").value.trim();
  const outcome = await askForCode(email);
  if (outcome && outcome.error) notice(outcome.error, "bad"); else if (outcome) notice("");
});
$("#resend").addEventListener("click", async () => {
  const outcome = await askForCode(signIn.email);
  const text = outcome && outcome.error ? outcome.error : say("signin.newCode");
  $("#code-message").replaceChildren(el("div", { class: `message ${outcome && outcome.error ? "bad" : "ok"}` }, text));
  announce(text);
});
$("#other-email").addEventListener("click", () => {
  $("#code-step").hidden = true; $("#email").value = ""; $("#email").focus();
});
$("#verify").addEventListener("submit", async (event) => {
  event.preventDefault();
  const code = $("#code").value.replace(/\s/g, "");
  const result = await api("/api/session/verify", { method: "POST", body: { challengeId: signIn.challengeId, code }, auth: false });
  if (result.ok) return signedIn(result.data, signIn.email);
  refuse($("#code-message"), explainSignIn(result));
  $("#code").select();
});
$("#signout").addEventListener("click", () => {
  state.token = null; localStorage.removeItem("flashsale.token"); localStorage.removeItem("flashsale.email");
  renderIdentity(); $("#orders").hidden = true; $("#hold").hidden = true; state.hold = null;
});
$("#show-orders").addEventListener("click", showOrders);

// --- regions and sales ------------------------------------------------------------------------
async function loadRegions() {
  const result = await api("/api/regions", { auth: false });
  state.regions = result.ok ? result.data : [];
  if (!state.regions.some((r) => r.code === state.region)) state.region = state.regions[0] && state.regions[0].code;
  renderRegionOptions();
}

/** Regions by their country's name in the shopper's language where Intl knows the code, else the marketer's name. */
function renderRegionOptions() {
  const select = $("#region");
  let names = null;
  try { names = new Intl.DisplayNames([I18n.formatLocale], { type: "region" }); } catch { /* the marketer's names */ }
  const nameOf = (r) => { const known = names && names.of(r.code); return known && known !== r.code ? known : r.name; };
  select.replaceChildren(...state.regions.map((r) => el("option", { value: r.code }, `${nameOf(r)} (${r.currency})`)));
  if (state.region) select.value = state.region;
}
$("#region").addEventListener("change", (event) => {
  state.region = event.target.value; localStorage.setItem("flashsale.region", state.region); loadSales();
});

async function loadSales() {
  for (const stream of state.streams) stream.close();
  state.streams = [];
  const section = $("#sales");
  // Busy until this region's sales are drawn: a screen reader waits for the new list, and so can a page test.
  const show = (...children) => { section.replaceChildren(...children); section.dataset.region = region ?? ""; section.removeAttribute("aria-busy"); };
  const region = state.region;
  if (!region) { show(el("p", { class: "empty" }, say("sales.noRegions"))); return; }
  section.setAttribute("aria-busy", "true");
  const result = await api(`/api/sales?region=${encodeURIComponent(region)}`, { auth: false });
  // A shopper who switched region meanwhile sees the newer region's answer, never an older one arriving late.
  if (region !== state.region) return;
  state.sales = result.ok ? result.data : [];
  if (state.sales.length === 0) { show(el("p", { class: "empty" }, say("sales.none"))); return; }
  noteServerTime(state.sales[0].serverTime);
  show(...state.sales.map(renderSale));
  tickCountdowns();
  for (const sale of state.sales) watch(sale);
}

function renderSale(sale) {
  return el("article", { class: "sale", "data-sale": sale.id },
    el("h2", {}, sale.name, " ", el("span", { class: `badge ${sale.status}`, "data-role": "sale-status" }, label(sale.status))),
    el("div", { class: "meta" }, el("span", { "data-role": "countdown", "data-starts": sale.startsAt, "data-ends": sale.endsAt }),
      " · ", el("span", { "data-role": "window" }, I18n.dateRange(sale.startsAt, sale.endsAt)),
      " · ", el("span", { title: sale.currency }, say("sale.pricesIn", { currency: I18n.currencyName(sale.currency) }))),
    el("div", { class: "grid" }, sale.items.map((item) => renderItem(sale, item))));
}

const label = (status) => I18n.t(`status.${status}`) ?? status;

let itemIds = 0;
function renderItem(sale, item) {
  const quantity = el("select", { "aria-label": say("item.quantityOf", { name: item.name }) },
    Array.from({ length: Math.min(item.perCustomerLimit, 10) }, (_, i) => el("option", { value: i + 1 }, I18n.number(i + 1))));
  const code = el("input", { type: "text", placeholder: say("item.promoCode"), "aria-label": say("item.promoCodeFor", { name: item.name }), size: 12 });
  const quote = el("div", { class: "quote", "data-role": "quote" });
  const message = el("div", { "data-role": "message" });
  // Every card's button says "Buy now"; the product's name is its description, so a screen reader says which.
  const headingId = `item-${++itemIds}`;
  const buy = el("button", { class: "primary", type: "button", "data-role": "buy", "aria-describedby": headingId }, say("item.buy"));
  const card = el("div", { class: "card", "data-sku": item.sku },
    // The picture is the product named by the heading under it: a screen reader reads the name once.
    el("img", { src: item.imageUrl || "/img/product.svg", alt: "", loading: "lazy",
      onerror: (event) => { if (!event.target.src.endsWith("/img/product.svg")) event.target.src = "/img/product.svg"; } }),
    el("h3", { id: headingId }, item.name),
    el("div", {}, el("span", { class: "price" }, money(item.price)), el("span", { class: "list" }, money(item.listPrice))),
    item.priorPrice ? el("div", { class: "prior" }, say("item.priorPrice", { price: money(item.priorPrice) })) : "",
    el("div", { class: "bar", role: "progressbar", "aria-label": say("item.stockOf", { name: item.name }), "aria-valuemin": 0, "aria-valuemax": item.stock,
      "aria-valuenow": item.available, "aria-valuetext": stockText(item) },
      el("div", { style: `width:${stockPercent(item)}%` })),
    el("div", { class: "stock", "data-role": "stock" }, stockText(item)),
    el("div", { class: "row" }, quantity, code),
    quote, buy, message);
  const refreshQuote = debounce(async () => {
    const body = { saleId: sale.id, sku: item.sku, quantity: Number(quantity.value), region: state.region };
    if (code.value.trim()) body.promoCode = code.value.trim();
    const result = await api("/api/quote", { method: "POST", body, auth: false });
    if (!result.ok) { quote.textContent = explain(result.data, result.retryAfter); return; }
    const q = result.data;
    const promo = q.promo ? ` · ${q.promo.applied ? say("quote.promoApplied", { code: q.promo.code, discount: money(q.discount) })
      : explain({ type: "/problems/promo-rejected", reason: q.promo.reason })}` : "";
    quote.textContent = say("quote.total", { total: money(q.total), shipping: money(q.shipping), tax: money(q.tax) }) + promo;
    card.dispatchEvent(new CustomEvent("flashsale:quote", { detail: q }));
  }, 300);
  quantity.addEventListener("change", refreshQuote);
  code.addEventListener("input", refreshQuote);
  buy.addEventListener("click", () => placeOrder(sale, item, Number(quantity.value), code.value.trim(), message, buy));
  refreshQuote();
  setItemStatus(card, item.status);
  return card;
}

const stockPercent = (item) => item.stock > 0 ? Math.round(100 * item.available / item.stock) : 0;
const stockText = (item) => item.status === "soldOut" ? label("soldOut") : say("item.stockLeft", { available: item.available, stock: item.stock });

function setItemStatus(card, status) {
  const buy = $("[data-role=buy]", card);
  card.dataset.status = status;
  buy.disabled = status !== "live";
  buy.textContent = status === "live" ? say("item.buy") : label(status);
}

// Live stock bars: one server-sent event stream per sale.
function watch(sale) {
  const stream = new EventSource(`/api/sales/${encodeURIComponent(sale.id)}/events?region=${encodeURIComponent(state.region)}`);
  stream.addEventListener("stock", (event) => {
    const update = JSON.parse(event.data);
    noteServerTime(update.serverTime);
    // The server ends an ended sale's stream: do not reconnect to it.
    if (update.status === "ended") stream.close();
    const article = document.querySelector(`[data-sale="${CSS.escape(update.saleId)}"]`);
    if (!article) return;
    const badge = $("[data-role=sale-status]", article);
    badge.className = `badge ${update.status}`; badge.textContent = label(update.status);
    for (const item of update.items) {
      const card = $(`[data-sku="${CSS.escape(item.sku)}"]`, article);
      if (!card) continue;
      $(".bar > div", card).style.width = `${stockPercent(item)}%`;
      $(".bar", card).setAttribute("aria-valuenow", item.available);
      $(".bar", card).setAttribute("aria-valuetext", stockText(item));
      $("[data-role=stock]", card).textContent = stockText(item);
      // Stock numbers change quietly; the moment an item sells out is said once.
      if (item.status === "soldOut" && card.dataset.status !== "soldOut") announce(say("item.soldOut", { name: $("h3", card).textContent }));
      setItemStatus(card, item.status);
    }
  });
  state.streams.push(stream);
}

// --- buying ---------------------------------------------------------------------------------
async function placeOrder(sale, item, quantity, promoCode, message, button) {
  if (!state.token) { refuse(message, explain({ type: "/problems/unauthorized" })); $("#email").focus(); return; }
  const body = { saleId: sale.id, sku: item.sku, quantity, region: state.region };
  if (promoCode) body.promoCode = promoCode;
  // One key per attempt, reused on every retry, so a retry can never buy twice.
  const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  button.disabled = true;
  message.replaceChildren(el("div", { class: "message info" }, say("order.holding")));
  let result;
  let ticket;
  for (let attempt = 0; attempt < 4;) {
    result = await api("/api/orders", { method: "POST", body, key, ticket });
    if (result.status === 202) {
      // The sale's waiting room: wait for our turn, then send the same order (same key) with the ticket.
      ticket = result.data.ticket;
      await waitInLine(result.data, message);
      continue;
    }
    if (result.status !== 503 || result.data && result.data.type === "/problems/waiting-room-full") break;
    attempt++;
    await new Promise((resolve) => setTimeout(resolve, Math.max(500 * attempt, 1000 * Number(result.retryAfter || 0))));
  }
  button.disabled = false;
  if (!result.ok) { refuse(message, explain(result.data, result.retryAfter)); return; }
  message.replaceChildren("");
  state.hold = { order: result.data, item };
  showHold(result.data, item, { focus: true });
}

/** Shows the shopper's place in line and counts down to their turn (the place is announced once, not every tick). */
async function waitInLine(place, message) {
  const turnAt = Date.now() + 1000 * place.retryAfter;
  const left = el("span", { class: "countdown" });
  const ahead = place.position === 1 ? say("line.next") : say("line.ahead", { count: place.position });
  message.replaceChildren(el("div", { class: "message info", "data-role": "waiting" },
    el("strong", {}, `${say("line.inLine")} ${ahead}`), " ", ...sayParts("line.turnIn", { time: left })));
  announce(`${say("line.inLine")} ${ahead}`);
  const tick = () => { left.textContent = duration(Math.max(0, turnAt - Date.now())); };
  tick();
  const timer = setInterval(tick, 500);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, turnAt - Date.now())));
  clearInterval(timer);
  message.replaceChildren(el("div", { class: "message info" }, say("line.yourTurn")));
}

let holdTimer = null;
/** The hold panel: the order's sums, a quiet countdown, Pay and Cancel. After a new hold, focus moves to its heading. */
function showHold(order, item, { focus = false } = {}) {
  const panel = $("#hold");
  panel.hidden = false;
  const name = item ? item.name : order.sku;
  const timer = el("span", { class: "countdown" });
  const pay = el("button", { class: "primary", type: "button" }, say("hold.pay", { total: money(order.quote.total) }));
  const cancel = el("button", { type: "button" }, say("hold.cancel"));
  const status = el("div");
  const title = el("h2", { id: "hold-title", tabindex: "-1" }, say("hold.title", { quantity: order.quantity, name }));
  const row = (key, value) => el("tr", {}, el("th", { scope: "row" }, say(key)), el("td", {}, value));
  panel.replaceChildren(
    title,
    el("p", {}, ...sayParts("hold.payWithin", { time: timer })),
    el("table", {}, el("tbody", {},
      row("hold.subtotal", money(order.quote.subtotal)),
      row("hold.discount", order.quote.discount.amount ? `−${money(order.quote.discount)}` : "—"),
      row("hold.shipping", money(order.quote.shipping)),
      row("hold.tax", money(order.quote.tax)),
      row("hold.total", el("strong", {}, money(order.quote.total))))),
    el("div", { class: "row" }, pay, cancel), status);
  clearInterval(holdTimer);
  const tick = () => { timer.textContent = duration(Date.parse(order.holdExpiresAt) - serverNow()); };
  tick(); holdTimer = setInterval(tick, 500);
  pay.addEventListener("click", async () => {
    pay.disabled = true;
    const result = await api(`/api/orders/${encodeURIComponent(order.orderId)}/pay`, { method: "POST", body: { paymentMethod: "test-card" } });
    if (!result.ok) { pay.disabled = false; refuse(status, explain(result.data, result.retryAfter)); return; }
    clearInterval(holdTimer);
    state.hold = null;
    const done = el("h2", { id: "hold-title", tabindex: "-1" }, say("paid.title"));
    const detail = say("paid.detail", { orderId: result.data.orderId, quantity: result.data.quantity, name: item ? item.name : result.data.sku, total: money(result.data.quote.total) });
    panel.replaceChildren(done, el("p", { class: "message ok", "data-role": "confirmation" }, detail));
    done.focus();
    announce(`${say("paid.title")} ${detail}`);
  });
  cancel.addEventListener("click", async () => {
    const result = await api(`/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: "POST" });
    clearInterval(holdTimer);
    state.hold = null;
    const text = result.ok ? say("hold.cancelled") : explain(result.data);
    panel.replaceChildren(el("p", { class: `message ${result.ok ? "info" : "bad"}`, tabindex: "-1", id: "hold-title" }, text));
    $("#hold-title").focus();
    announce(text);
  });
  if (focus) {
    panel.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
    title.focus({ preventScroll: true });
    const minutes = Math.max(1, Math.round((Date.parse(order.holdExpiresAt) - serverNow()) / 60000));
    announce(say("hold.announce", { quantity: order.quantity, name, total: money(order.quote.total), minutes }));
  }
}

async function showOrders() {
  const panel = $("#orders");
  const result = await api("/api/orders");
  if (!result.ok) return notice(explain(result.data, result.retryAfter), "bad");
  panel.hidden = false;
  const headings = ["orders.order", "orders.item", "orders.quantity", "orders.total", "orders.status"];
  panel.replaceChildren(el("h2", {}, say("orders.title")), result.data.length === 0 ? el("p", { class: "empty" }, say("orders.none")) :
    el("table", {}, el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, say(h))))),
      el("tbody", {}, result.data.map((o) => el("tr", { "data-order": o.orderId, "data-status": o.status }, el("td", {}, o.orderId), el("td", {}, o.sku), el("td", {}, I18n.number(o.quantity)),
        el("td", {}, money(o.quote.total)), el("td", {}, I18n.t(`orderStatus.${o.status}`) ?? o.status))))));
}

function debounce(action, ms) { let timer; return () => { clearTimeout(timer); timer = setTimeout(action, ms); }; }

// Countdowns follow the server's clock, not this device's: a clock under a day, "in 3 days" beyond.
function countdown(ms, clockKey, whenKey) {
  const days = Math.floor(ms / 86_400_000);
  return days >= 1 ? say(whenKey, { when: I18n.relative(days, "day") }) : say(clockKey, { time: duration(ms) });
}
function tickCountdowns() {
  for (const node of document.querySelectorAll("[data-role=countdown]")) {
    const now = serverNow(), starts = Date.parse(node.dataset.starts), ends = Date.parse(node.dataset.ends);
    node.textContent = now < starts ? countdown(starts - now, "sale.startsIn", "sale.startsWhen")
      : now < ends ? countdown(ends - now, "sale.endsIn", "sale.endsWhen") : label("ended");
  }
}

// The language picker: the catalogue's languages, each named in itself; a change re-draws the page in place.
function renderLanguagePicker() {
  const picker = $("#language");
  picker.replaceChildren(...Object.entries(I18n.languages).map(([code, name]) => el("option", { value: code, lang: code }, name)));
  picker.value = I18n.locale;
}
$("#language").addEventListener("change", (event) => I18n.setLocale(event.target.value));
window.addEventListener("flashsale:locale", () => {
  if (!state.started) return;   // the first language is drawn by the start below
  renderLanguagePicker();
  renderSignInTexts();
  notice("");
  renderRegionOptions();
  loadSales();
  if (state.hold) showHold(state.hold.order, state.hold.item);
  if (state.token && !$("#orders").hidden) showOrders();
});

I18n.ready.then(() => {
  state.started = true;
  renderLanguagePicker();
  setInterval(tickCountdowns, 500);
  renderIdentity();
  loadSignInOptions();
  loadRegions().then(loadSales);
});

// FlashSale storefront: plain JavaScript against the HTTP API, no third-party code.
"use strict";

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
const money = (m) => m ? new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.amount) : "";

function duration(ms) {
  if (ms <= 0) return "0:00";
  const s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return d > 0 ? `${d}d ${h}h ${pad(m)}m` : h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

// Every refusal of the API, in words a shopper understands.
const promoReasons = {
  unknown: "we don't know this code", expired: "this code has expired", "not-started": "this code is not valid yet",
  exhausted: "this code has been used up", "customer-limit": "you have already used this code", region: "this code is not valid in your region",
  "min-subtotal": "your order is below this code's minimum", "not-applicable": "this code does not apply to this item", disabled: "this code is no longer valid",
};
function explain(problem, retryAfter) {
  const type = (problem && problem.type || "").replace("/problems/", "");
  switch (type) {
    case "sold-out": return "Sold out: every unit is sold or held. Held units come back when holds expire, so look again in a few minutes.";
    case "sale-not-live": return "This sale is not open right now (it has not started, is paused or is over).";
    case "limit-exceeded": return "You have reached the limit for this item (units you hold count too).";
    case "promo-rejected": return `The code was not accepted: ${promoReasons[problem.reason] || problem.reason || "it does not apply"}.`;
    case "rate-limited": return `Too many requests: try again in ${retryAfter || 1} s.`;
    case "hold-expired": return "Your hold expired and the units went back on sale. Please order again.";
    case "order-cancelled": return "This order was cancelled.";
    case "unauthorized": return "Please sign in with your email first (your sign-in may have run out: sign in again).";
    case "idempotency-key-reused": return "That request was already used for a different order. Please try again.";
    case "validation": return Object.values(problem.errors || {}).flat().join(" ") || problem.detail;
    case "outcome-unknown": case "unavailable": case "overloaded": return "We are very busy and could not confirm this yet. Please try again.";
    case "waiting-room-full": return `The waiting room is full right now: try again in ${retryAfter || 10} s.`;
    default: return (problem && (problem.detail || problem.title)) || "Something went wrong. Please try again.";
  }
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

function notice(text, kind = "info") {
  const box = $("#notice");
  box.replaceChildren(text ? el("div", { class: `message ${kind}` }, text) : "");
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
  $("#signin button").textContent = signIn.mode === "open" ? "Sign in" : "Send code";
  const hint = $("#outbox-hint");
  hint.hidden = result.data.delivery !== "outbox";
  hint.textContent = result.data.delivery === "outbox"
    ? `No mail server is set up on this platform: the message is an .eml file in ${result.data.outbox} (and the code is in the platform's log).`
    : "";
}

function signedIn(session, email) {
  state.token = session.token; state.email = email;
  localStorage.setItem("flashsale.token", state.token); localStorage.setItem("flashsale.email", email);
  $("#code-step").hidden = true;
  renderIdentity();
  notice(signIn.mode === "open" ? `Signed in as ${email} (not verified).` : `Signed in as ${email}.`, "ok");
}

function explainSignIn(result) {
  const type = (result.data && result.data.type || "").replace("/problems/", "");
  switch (type) {
    case "code-invalid": return result.data.detail || "That is not the code we sent.";
    case "code-expired": return "This code no longer works: it expired, was used already, or had too many wrong tries. Ask for a new code.";
    case "rate-limited": return `You asked for codes too often: you can ask again in ${result.retryAfter || 1} s.`;
    case "unavailable": return "We could not send the code just now. Please try again in a moment.";
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
    button.textContent = left > 0 ? `Resend code (${left} s)` : "Resend code";
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
  $("#code-email").textContent = email;
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
  $("#code-message").replaceChildren(el("div", { class: `message ${outcome && outcome.error ? "bad" : "ok"}` },
    outcome && outcome.error ? outcome.error : "A new code is on its way; the one before no longer matters."));
});
$("#other-email").addEventListener("click", () => {
  $("#code-step").hidden = true; $("#email").value = ""; $("#email").focus();
});
$("#verify").addEventListener("submit", async (event) => {
  event.preventDefault();
  const code = $("#code").value.replace(/\s/g, "");
  const result = await api("/api/session/verify", { method: "POST", body: { challengeId: signIn.challengeId, code }, auth: false });
  if (result.ok) return signedIn(result.data, signIn.email);
  $("#code-message").replaceChildren(el("div", { class: "message bad" }, explainSignIn(result)));
  $("#code").select();
});
$("#signout").addEventListener("click", () => {
  state.token = null; localStorage.removeItem("flashsale.token"); localStorage.removeItem("flashsale.email");
  renderIdentity(); $("#orders").hidden = true; $("#hold").hidden = true;
});
$("#show-orders").addEventListener("click", showOrders);

// --- regions and sales ------------------------------------------------------------------------
async function loadRegions() {
  const result = await api("/api/regions", { auth: false });
  state.regions = result.ok ? result.data : [];
  const select = $("#region");
  select.replaceChildren(...state.regions.map((r) => el("option", { value: r.code }, `${r.name} (${r.currency})`)));
  if (!state.regions.some((r) => r.code === state.region)) state.region = state.regions[0] && state.regions[0].code;
  if (state.region) select.value = state.region;
}
$("#region").addEventListener("change", (event) => {
  state.region = event.target.value; localStorage.setItem("flashsale.region", state.region); loadSales();
});

async function loadSales() {
  for (const stream of state.streams) stream.close();
  state.streams = [];
  const section = $("#sales");
  if (!state.region) { section.replaceChildren(el("p", { class: "empty" }, "The store has no regions yet.")); return; }
  const region = state.region;
  const result = await api(`/api/sales?region=${encodeURIComponent(region)}`, { auth: false });
  // A shopper who switched region meanwhile sees the newer region's answer, never an older one arriving late.
  if (region !== state.region) return;
  state.sales = result.ok ? result.data : [];
  if (state.sales.length === 0) { section.replaceChildren(el("p", { class: "empty" }, "No live or upcoming sales in your region right now.")); return; }
  noteServerTime(state.sales[0].serverTime);
  section.replaceChildren(...state.sales.map(renderSale));
  tickCountdowns();
  for (const sale of state.sales) watch(sale);
}

function renderSale(sale) {
  return el("article", { class: "sale", "data-sale": sale.id },
    el("h2", {}, sale.name, " ", el("span", { class: `badge ${sale.status}`, "data-role": "sale-status" }, label(sale.status))),
    el("div", { class: "meta" }, el("span", { "data-role": "countdown", "data-starts": sale.startsAt, "data-ends": sale.endsAt }), ` · prices in ${sale.currency}`),
    el("div", { class: "grid" }, sale.items.map((item) => renderItem(sale, item))));
}

const label = (status) => ({ live: "Live", upcoming: "Upcoming", soldOut: "Sold out", ended: "Ended", paused: "Paused" }[status] || status);

function renderItem(sale, item) {
  const quantity = el("select", { "aria-label": `Quantity of ${item.name}` },
    Array.from({ length: Math.min(item.perCustomerLimit, 10) }, (_, i) => el("option", { value: i + 1 }, String(i + 1))));
  const code = el("input", { type: "text", placeholder: "Promo code", "aria-label": `Promo code for ${item.name}`, size: 12 });
  const quote = el("div", { class: "quote", "data-role": "quote" });
  const message = el("div", { "data-role": "message", "aria-live": "polite" });
  const buy = el("button", { class: "primary", type: "button", "data-role": "buy" }, "Buy now");
  const card = el("div", { class: "card", "data-sku": item.sku },
    el("img", { src: item.imageUrl || "/img/product.svg", alt: item.name, loading: "lazy",
      onerror: (event) => { if (!event.target.src.endsWith("/img/product.svg")) event.target.src = "/img/product.svg"; } }),
    el("h3", {}, item.name),
    el("div", {}, el("span", { class: "price" }, money(item.price)), el("span", { class: "list" }, money(item.listPrice))),
    item.priorPrice ? el("div", { class: "prior" }, `Lowest price in the 30 days before the sale: ${money(item.priorPrice)}`) : "",
    el("div", { class: "bar", role: "progressbar", "aria-label": `Stock of ${item.name}`, "aria-valuemin": 0, "aria-valuemax": item.stock, "aria-valuenow": item.available },
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
    const promo = q.promo ? (q.promo.applied ? ` · code ${q.promo.code}: −${money(q.discount)}` : ` · ${explain({ type: "/problems/promo-rejected", reason: q.promo.reason })}`) : "";
    quote.textContent = `Total ${money(q.total)} (shipping ${money(q.shipping)}, tax ${money(q.tax)})${promo}`;
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
const stockText = (item) => item.status === "soldOut" ? "Sold out" : `${item.available} of ${item.stock} left`;

function setItemStatus(card, status) {
  const buy = $("[data-role=buy]", card);
  buy.disabled = status !== "live";
  buy.textContent = status === "live" ? "Buy now" : label(status);
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
      $("[data-role=stock]", card).textContent = stockText(item);
      setItemStatus(card, item.status);
    }
  });
  state.streams.push(stream);
}

// --- buying ---------------------------------------------------------------------------------
async function placeOrder(sale, item, quantity, promoCode, message, button) {
  if (!state.token) { message.replaceChildren(el("div", { class: "message bad" }, explain({ type: "/problems/unauthorized" }))); $("#email").focus(); return; }
  const body = { saleId: sale.id, sku: item.sku, quantity, region: state.region };
  if (promoCode) body.promoCode = promoCode;
  // One key per attempt, reused on every retry, so a retry can never buy twice.
  const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  button.disabled = true;
  message.replaceChildren(el("div", { class: "message info" }, "Holding your units…"));
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
  if (!result.ok) { message.replaceChildren(el("div", { class: "message bad" }, explain(result.data, result.retryAfter))); return; }
  message.replaceChildren("");
  showHold(result.data, item);
}

/** Shows the shopper's place in line and counts down to their turn (the place is announced once, not every tick). */
async function waitInLine(place, message) {
  const turnAt = Date.now() + 1000 * place.retryAfter;
  const left = el("span", { class: "countdown" });
  const ahead = place.position === 1 ? "You are next." : `${place.position.toLocaleString()} shoppers are ahead of you.`;
  message.replaceChildren(el("div", { class: "message info", "data-role": "waiting" },
    el("strong", { role: "status" }, `You are in line. ${ahead}`), " Your turn in about ", left,
    ". Keep this page open: we will hold your units as soon as it comes."));
  const tick = () => { left.textContent = duration(Math.max(0, turnAt - Date.now())); };
  tick();
  const timer = setInterval(tick, 500);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, turnAt - Date.now())));
  clearInterval(timer);
  message.replaceChildren(el("div", { class: "message info" }, "Your turn: holding your units…"));
}

let holdTimer = null;
function showHold(order, item) {
  const panel = $("#hold");
  panel.hidden = false;
  const timer = el("span", { class: "countdown" });
  const pay = el("button", { class: "primary", type: "button" }, `Pay ${money(order.quote.total)}`);
  const cancel = el("button", { type: "button" }, "Cancel");
  const status = el("div", { "aria-live": "polite" });
  panel.replaceChildren(
    el("h2", {}, `Held for you: ${order.quantity} × ${item ? item.name : order.sku}`),
    el("p", {}, "Pay within ", timer, " or the units go back on sale."),
    el("table", {}, el("tbody", {},
      el("tr", {}, el("th", {}, "Subtotal"), el("td", {}, money(order.quote.subtotal))),
      el("tr", {}, el("th", {}, "Discount"), el("td", {}, order.quote.discount.amount ? `−${money(order.quote.discount)}` : "—")),
      el("tr", {}, el("th", {}, "Shipping"), el("td", {}, money(order.quote.shipping))),
      el("tr", {}, el("th", {}, "Tax"), el("td", {}, money(order.quote.tax))),
      el("tr", {}, el("th", {}, "Total"), el("td", {}, el("strong", {}, money(order.quote.total)))))),
    el("div", { class: "row" }, pay, cancel), status);
  clearInterval(holdTimer);
  const tick = () => { timer.textContent = duration(Date.parse(order.holdExpiresAt) - serverNow()); };
  tick(); holdTimer = setInterval(tick, 500);
  pay.addEventListener("click", async () => {
    pay.disabled = true;
    const result = await api(`/api/orders/${encodeURIComponent(order.orderId)}/pay`, { method: "POST", body: { paymentMethod: "test-card" } });
    clearInterval(holdTimer);
    if (!result.ok) { pay.disabled = false; status.replaceChildren(el("div", { class: "message bad" }, explain(result.data, result.retryAfter))); return; }
    panel.replaceChildren(el("h2", {}, "Thank you! Your order is confirmed."),
      el("p", { class: "message ok", "data-role": "confirmation" }, `Order ${result.data.orderId}: ${result.data.quantity} × ${item ? item.name : result.data.sku}, paid ${money(result.data.quote.total)}.`));
  });
  cancel.addEventListener("click", async () => {
    const result = await api(`/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: "POST" });
    clearInterval(holdTimer);
    panel.replaceChildren(el("p", { class: `message ${result.ok ? "info" : "bad"}` }, result.ok ? "Cancelled: the units are back on sale." : explain(result.data)));
  });
  panel.scrollIntoView({ behavior: "smooth", block: "start" });
}

async function showOrders() {
  const panel = $("#orders");
  const result = await api("/api/orders");
  if (!result.ok) return notice(explain(result.data, result.retryAfter), "bad");
  panel.hidden = false;
  panel.replaceChildren(el("h2", {}, "My orders"), result.data.length === 0 ? el("p", { class: "empty" }, "No orders yet.") :
    el("table", {}, el("thead", {}, el("tr", {}, ["Order", "Item", "Qty", "Total", "Status"].map((h) => el("th", {}, h)))),
      el("tbody", {}, result.data.map((o) => el("tr", {}, el("td", {}, o.orderId), el("td", {}, o.sku), el("td", {}, String(o.quantity)),
        el("td", {}, money(o.quote.total)), el("td", {}, o.status))))));
}

function debounce(action, ms) { let timer; return () => { clearTimeout(timer); timer = setTimeout(action, ms); }; }

// Countdowns follow the server's clock, not this device's.
function tickCountdowns() {
  for (const node of document.querySelectorAll("[data-role=countdown]")) {
    const now = serverNow(), starts = Date.parse(node.dataset.starts), ends = Date.parse(node.dataset.ends);
    node.textContent = now < starts ? `Starts in ${duration(starts - now)}` : now < ends ? `Ends in ${duration(ends - now)}` : "Ended";
  }
}
setInterval(tickCountdowns, 500);

renderIdentity();
loadSignInOptions();
loadRegions().then(loadSales);

// FlashSale console, marketplace part: ship and deliver orders (one, or a CSV of many), refunds, disputes, reviews.
// Loaded after console.js, whose helpers (api, change, el, $, notice, problem) it uses.
"use strict";

const marketMoney = (m) => m ? new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.amount) : "";

function marketPanel() {
  const orderId = el("input", { name: "orderId", placeholder: "Order id", size: 40, "aria-label": "Order id" });
  const tracking = el("input", { name: "tracking", placeholder: "Tracking reference", size: 18, "aria-label": "Tracking reference" });
  const amount = el("input", { name: "amount", type: "number", step: "0.01", min: "0", placeholder: "all", size: 8, "aria-label": "Refund amount" });
  const reason = el("input", { name: "reason", placeholder: "Reason", size: 18, "aria-label": "Refund reason" });
  const journey = el("div", { id: "market-order", "aria-live": "polite" });
  const show = (result) => {
    if (!result.ok) { journey.replaceChildren(el("div", { class: "message bad" }, problem(result))); return; }
    const j = result.data;
    journey.replaceChildren(el("p", {}, `${j.orderId}: ${j.quantity} × ${j.sku} (${j.region}), paid ${marketMoney(j.paid)}, `,
      el("strong", { "data-role": "stage" }, j.stage), j.tracking ? ` · ${j.tracking}` : "", ` · refunded ${marketMoney(j.refunded)} · arrives ${j.deliveryBy.earliest} – ${j.deliveryBy.latest}`),
      el("ol", {}, j.timeline.map((e) => el("li", {}, `${new Date(e.at).toLocaleString()} ${e.kind}${e.detail ? `: ${e.detail}` : ""}`))));
  };
  const id = () => encodeURIComponent(orderId.value.trim());
  const orders = el("section", { class: "panel", id: "market-orders" }, el("h2", {}, "Orders after payment"),
    el("div", { class: "row" }, orderId,
      el("button", { type: "button", onclick: async () => show(await api(`/api/admin/orders/${id()}`)) }, "Show"),
      tracking, el("button", { type: "button", "data-role": "ship", onclick: async () => show(await change(`/api/admin/orders/${id()}/ship`, { tracking: tracking.value })) }, "Shipped"),
      el("button", { type: "button", "data-role": "deliver", onclick: async () => show(await change(`/api/admin/orders/${id()}/deliver`)) }, "Delivered")),
    el("div", { class: "row" }, amount, reason,
      el("button", { type: "button", "data-role": "refund", onclick: async () => show(await change(`/api/admin/orders/${id()}/refunds`,
        { amount: amount.value === "" ? undefined : Number(amount.value), reason: reason.value })) }, "Refund")),
    journey);

  const csv = el("textarea", { rows: 4, style: "width:100%", placeholder: "orderId,status,tracking\nORDER-ID,shipped,LB123456789CN", "aria-label": "Shipments CSV" });
  const file = el("input", { type: "file", accept: ".csv,text/csv", "aria-label": "Shipments CSV file" });
  file.addEventListener("change", async () => { if (file.files[0]) csv.value = await file.files[0].text(); });
  const csvResult = el("div", { "aria-live": "polite" });
  const upload = async () => {
    const response = await fetch("/api/admin/orders/shipments", { method: "POST", headers: { "X-Api-Key": key, "Content-Type": "text/csv" }, body: csv.value });
    const data = await response.json();
    csvResult.replaceChildren(response.ok
      ? el("div", { class: `message ${data.errors.length ? "warn" : "ok"}` }, `${data.applied} rows applied.`,
        data.errors.map((e) => el("div", {}, `Line ${e.line} (${e.orderId}): ${e.detail}`)))
      : el("div", { class: "message bad" }, problem({ status: response.status, data })));
  };
  const shipments = el("section", { class: "panel" }, el("h2", {}, "Shipments by CSV"),
    el("p", { class: "hint" }, "One row per order: orderId,status,tracking with status shipped (tracking required) or delivered. At most 1,000 rows."),
    csv, el("div", { class: "row" }, file, el("button", { class: "primary", type: "button", onclick: upload }, "Upload")), csvResult);

  const disputeList = el("div", { id: "market-disputes" });
  const loadDisputes = async () => {
    const result = await api("/api/admin/disputes");
    if (!result.ok) { disputeList.replaceChildren(el("div", { class: "message bad" }, problem(result))); return; }
    disputeList.replaceChildren(result.data.length === 0 ? el("p", { class: "empty" }, "No disputes.") :
      el("table", {}, el("thead", {}, el("tr", {}, ["Order", "Item", "Reason", "Message", "Status", ""].map((h) => el("th", {}, h)))),
        el("tbody", {}, result.data.map(disputeRow))));
  };
  const disputeRow = (d) => {
    const refundAmount = el("input", { type: "number", step: "0.01", min: "0", placeholder: "all", size: 7, "aria-label": "Refund amount" });
    const why = el("input", { placeholder: "Reason", size: 14, "aria-label": "Resolution reason" });
    const resolve = (decision) => async () => {
      const body = { decision, reason: why.value, amount: refundAmount.value === "" ? undefined : Number(refundAmount.value) };
      const result = await api(`/api/admin/disputes/${encodeURIComponent(d.orderId)}/resolve`, { method: "POST", body });
      if (!result.ok) notice(problem(result), "bad"); else notice(`Dispute on ${d.orderId}: ${result.data.dispute.status}.`, "ok");
      loadDisputes();
    };
    return el("tr", { "data-order": d.orderId }, el("td", {}, d.orderId), el("td", {}, `${d.sku} (${d.region})`), el("td", {}, d.dispute.reason),
      el("td", {}, d.dispute.message), el("td", {}, d.dispute.status + (d.dispute.resolution ? `: ${d.dispute.resolution}` : "")),
      el("td", {}, d.dispute.status !== "open" ? "" : el("span", { class: "row" }, refundAmount, why,
        el("button", { type: "button", "data-role": "refund", onclick: resolve("refund") }, "Refund"),
        el("button", { type: "button", "data-role": "reject", onclick: resolve("reject") }, "Reject"))));
  };
  const disputes = el("section", { class: "panel" }, el("h2", {}, "Disputes"),
    el("button", { type: "button", onclick: loadDisputes }, "Refresh"), disputeList);

  const sku = el("input", { placeholder: "SKU", size: 16, "aria-label": "Reviews of SKU" });
  const reviewList = el("div", { id: "market-reviews" });
  const loadReviews = async () => {
    const result = await api(`/api/admin/reviews?sku=${encodeURIComponent(sku.value.trim())}`);
    if (!result.ok) { reviewList.replaceChildren(el("div", { class: "message bad" }, problem(result))); return; }
    reviewList.replaceChildren(result.data.length === 0 ? el("p", { class: "empty" }, "No reviews.") :
      el("table", {}, el("tbody", {}, result.data.map((r) => el("tr", {}, el("td", {}, "★".repeat(r.rating)), el("td", {}, r.text), el("td", {}, r.customerId),
        el("td", {}, el("button", { type: "button", onclick: async () => {
          const done = await api(`/api/admin/reviews/${encodeURIComponent(r.orderId)}/hide`, { method: "POST", body: { hidden: !r.hidden } });
          if (!done.ok) notice(problem(done), "bad");
          loadReviews();
        } }, r.hidden ? "Show" : "Hide")))))));
  };
  const reviews = el("section", { class: "panel" }, el("h2", {}, "Reviews"),
    el("div", { class: "row" }, sku, el("button", { type: "button", onclick: loadReviews }, "List")), reviewList);

  $("main").append(el("div", { id: "marketplace" }, orders, shipments, disputes, reviews, deliverySettings()));
}

// Delivery settings: a region's delivery days, protection and automatic refunds, and a product's warehouse country.
// Each is a PUT of the whole region or product as it is now, with these fields changed.
function deliverySettings() {
  const field = (name, placeholder, size = 5) => el("input", { name, placeholder, size, "aria-label": placeholder });
  const region = field("region", "Region (BR)", 6), dmin = field("domesticMin", "home min"), dmax = field("domesticMax", "home max");
  const cmin = field("crossMin", "abroad min"), cmax = field("crossMax", "abroad max"), protection = field("protectionDays", "protection days", 8);
  const auto = el("input", { type: "checkbox", name: "autoRefundLate", "aria-label": "Refund late orders automatically" });
  const sku = field("sku", "SKU", 14), origin = field("shipsFrom", "ships from (CN)", 8);
  const status = el("div", { "aria-live": "polite" });
  const say = (result, what) => status.replaceChildren(el("div", { class: `message ${result.ok ? "ok" : "bad"}` }, result.ok ? `${what} saved.` : problem(result)));
  const days = (input) => input.value === "" ? undefined : Number(input.value);
  const saveRegion = async () => {
    const code = region.value.trim().toUpperCase();
    const regions = await api("/api/regions");
    const current = regions.ok && regions.data.find((r) => r.code === code);
    if (!current) { status.replaceChildren(el("div", { class: "message bad" }, `No region ${code}.`)); return; }
    const { code: _, deliveryDays, ...rest } = current;
    const body = { ...rest, autoRefundLate: auto.checked, protectionDays: days(protection) ?? current.protectionDays,
      deliveryDays: { domestic: [days(dmin) ?? deliveryDays.domestic[0], days(dmax) ?? deliveryDays.domestic[1]],
        crossBorder: [days(cmin) ?? deliveryDays.crossBorder[0], days(cmax) ?? deliveryDays.crossBorder[1]] } };
    say(await api(`/api/admin/regions/${encodeURIComponent(code)}`, { method: "PUT", body }), `Region ${code}`);
  };
  const saveOrigin = async () => {
    const products = await api("/api/admin/products");
    const current = products.ok && products.data.find((p) => p.sku === sku.value.trim());
    if (!current) { status.replaceChildren(el("div", { class: "message bad" }, `No product ${sku.value}.`)); return; }
    const { sku: code, ...rest } = current;
    say(await api(`/api/admin/products/${encodeURIComponent(code)}`, { method: "PUT", body: { ...rest, shipsFrom: origin.value.trim() || null } }), `Product ${code}`);
  };
  return el("section", { class: "panel", id: "market-delivery" }, el("h2", {}, "Delivery and buyer protection"),
    el("p", { class: "hint" }, "Delivery days from the order's day, from a warehouse in the region (home) and from abroad; empty keeps the current value."),
    el("div", { class: "row" }, region, dmin, dmax, cmin, cmax, protection, el("label", {}, auto, " refund late orders"),
      el("button", { type: "button", onclick: saveRegion }, "Save region")),
    el("div", { class: "row" }, sku, origin, el("button", { type: "button", onclick: saveOrigin }, "Save origin")), status);
}

marketPanel();

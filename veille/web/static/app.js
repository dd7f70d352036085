/* veille web page: Search, Article, Dyad and Network views over the REST API.
 * Plain JavaScript, charts drawn as SVG by hand; nothing is loaded from the network
 * except this server's own API. Routes live in the URL hash: #/search?q=..,
 * #/article/ID, #/dyad?a=RUS&b=PRK, #/network?date_from=..
 */
"use strict";

const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLOUR = { 1: "#74c476", 2: "#238b45", 3: "#fb6a4a", 4: "#a50f15" };
const SVGNS = "http://www.w3.org/2000/svg";

/* ---------------------------------------------------------------- helpers */

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "style" && typeof v === "object") {
      for (const [p, val] of Object.entries(v)) el.style.setProperty(p.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()), val);
    }
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    for (const item of Array.isArray(v) ? v : [v]) qs.append(k, item);
  }
  const url = path + (qs.toString() ? "?" + qs : "");
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) {
    const e = body.error || {};
    throw new Error(`${e.code || r.status}: ${e.message || r.statusText}`);
  }
  return body;
}

function showError(err) {
  const box = document.getElementById("error");
  box.textContent = String(err.message || err);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 6000);
}

function hue(country) {
  let x = 0;
  for (const ch of country || "?") x = (x * 31 + ch.charCodeAt(0)) % 360;
  return x;
}

function codes(refs) {
  return (refs || []).map((a) => a.code).filter(Boolean).join(", ") || "—";
}

function routeParams() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  return { path: path || "/search", params: new URLSearchParams(query || "") };
}

function go(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) qs.set(k, v);
  location.hash = path + (qs.toString() ? "?" + qs : "");
}

function goldColour(g) {
  // -10 red .. 0 yellow .. +10 green
  const t = Math.max(-1, Math.min(1, (g || 0) / 10));
  const hueVal = 60 + 60 * t;
  return `hsl(${hueVal}, 75%, ${45 - 5 * Math.abs(t)}%)`;
}

function eventRow(e, onclick) {
  return h("tr", { class: onclick ? "clickable" : null, "data-event": e.id, onclick },
    h("td", {}, h("span", { class: "code q" + e.quad }, e.cameo), " ", e.cameo_name || ""),
    h("td", { class: "code" }, codes(e.source), " → ", codes(e.target)),
    h("td", {}, e.date.value || "?", " ", h("span", { class: "muted" }, `(${e.date.basis})`)),
    h("td", {}, h("span", { class: "pill " + e.modality }, e.modality)),
    h("td", { class: "code" }, codes(e.attribution) === "—" ? h("span", { class: "muted" }, "outlet") : codes(e.attribution)));
}

function eventsTable(events, { onclick, withArticle } = {}) {
  const head = ["Event", "Source → target", "Date (basis)", "Modality", "According to"];
  if (withArticle) head.push("Article");
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, head.map((x) => h("th", {}, x)))),
    h("tbody", {}, events.map((e) => {
      const row = eventRow(e, onclick ? () => onclick(e, row) : null);
      if (withArticle) row.append(h("td", {}, h("a", { href: `#/article/${encodeURIComponent(e.article_id)}`, class: "article-link" },
        e.article.title || e.article_id)));
      return row;
    })));
}

/* ---------------------------------------------------------------- search */

async function viewSearch(root, params) {
  const fields = ["actor", "cameo", "date_from", "date_to", "q"];
  const inputs = {};
  const form = h("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    const p = {};
    for (const f of fields) p[f] = inputs[f].value.trim();
    go("/search", p);
  } },
  [["actor", "Actor (RUS, PRKGOV)"], ["cameo", "CAMEO code (04, 036)"], ["date_from", "From"], ["date_to", "To"], ["q", "Text"]].map(([k, label]) =>
    h("label", {}, label, inputs[k] = h("input", { name: k, type: k.startsWith("date") ? "date" : "text", value: params.get(k) || "" }))),
  h("button", { type: "submit" }, "Search"));
  const q = Object.fromEntries(fields.map((f) => [f, params.get(f)]));
  root.append(h("h2", {}, "Search events and articles"), form);
  const byEvents = Boolean(q.actor || q.cameo);
  let [events, articles] = await Promise.all([
    api("/events", { ...q, sort: "-date", limit: 200 }),
    byEvents ? null : api("/articles", { q: q.q, date_from: q.date_from, date_to: q.date_to, limit: 50 }),
  ]);
  if (byEvents) {  // articles holding the matching events
    const seen = new Map();
    for (const e of events.items) if (!seen.has(e.article_id)) seen.set(e.article_id, { id: e.article_id, title: e.article.title, outlet: e.article.outlet, published: e.published, events: 0 });
    for (const e of events.items) seen.get(e.article_id).events += 1;
    articles = { total: seen.size, items: [...seen.values()] };
  }
  root.append(h("h3", {}, `Events (${events.total})`),
    eventsTable(events.items, { withArticle: true }),
    h("h3", {}, `Articles (${articles.total})`),
    h("table", { class: "articles" },
      h("thead", {}, h("tr", {}, ["Published", "Title", "Outlet", "Events"].map((x) => h("th", {}, x)))),
      h("tbody", {}, articles.items.map((a) => h("tr", {},
        h("td", {}, (a.published || "").slice(0, 10)),
        h("td", {}, h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id)),
        h("td", {}, a.outlet || ""), h("td", {}, a.events))))));
}

/* ---------------------------------------------------------------- article */

function annotate(text, layers) {
  // Split the body at every annotation boundary; each segment carries the annotations covering it.
  const anns = [];
  for (const a of layers.actors) anns.push({ kind: "actor", start: a.start, end: a.end, data: a });
  for (const t of layers.times) anns.push({ kind: "time", start: t.start, end: t.end, data: t });
  for (const q of layers.quotes) anns.push({ kind: "quote", start: q.start, end: q.end, data: q });
  for (const e of layers.events) if (e.trigger.start !== null) anns.push({ kind: "trigger", start: e.trigger.start, end: e.trigger.end, data: e });
  const cuts = new Set([0, text.length]);
  for (const a of anns) { cuts.add(Math.max(0, a.start)); cuts.add(Math.min(text.length, a.end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const on = anns.filter((x) => x.start <= a && x.end >= b);
    if (!on.length) { frag.append(text.slice(a, b)); continue; }
    const span = h("span", { class: "ann " + [...new Set(on.map((x) => x.kind))].join(" ") });
    const titles = [];
    for (const x of on) {
      const d = x.data;
      if (x.kind === "actor") {
        span.style.setProperty("--hue", hue(d.country || d.code));
        span.dataset.country = d.country || "";
        titles.push(`${d.code}${d.name ? " — " + d.name : ""} (via ${d.via})`);
      } else if (x.kind === "time") {
        titles.push(`${d.type} ${d.value}${d.mod ? " " + d.mod : ""}`);
      } else if (x.kind === "quote") {
        const sp = d.speaker ? `${d.speaker.text || ""} (${d.speaker.code || "?"})` : "unknown";
        titles.push(`${d.kind} quote — speaker: ${sp}${d.cue ? ", cue: " + d.cue : ""}`);
        span.dataset.speaker = d.speaker ? d.speaker.code || "" : "";
      } else {
        titles.push(`event ${d.cameo} ${d.cameo_name || ""}`);
        span.dataset.event = d.id;
      }
    }
    span.title = titles.join("\n");
    span.textContent = text.slice(a, b);
    frag.append(span);
  }
  return frag;
}

function eventDetail(e, text) {
  const sent = e.sentence.text || "";
  const rel = e.trigger.start - e.sentence.start;
  const sentence = rel >= 0 && rel < sent.length
    ? [sent.slice(0, rel), h("mark", {}, sent.slice(rel, rel + (e.trigger.end - e.trigger.start))), sent.slice(rel + (e.trigger.end - e.trigger.start))]
    : [sent];
  return h("div", { class: "detail", id: "event-detail" },
    h("div", {}, h("strong", { class: "code q" + e.quad }, e.cameo), ` ${e.cameo_name || ""} · QuadClass ${e.quad} (${QUAD[e.quad] || "?"}) · Goldstein ${e.goldstein}`,
      e.plover.event ? ` · PLOVER ${e.plover.event}` : ""),
    h("p", { class: "sentence" }, ...sentence),
    h("div", {}, h("strong", {}, "Why: "), "rule ", h("span", { class: "code rule" }, e.rule || "?"),
      `, trigger “${e.trigger.text}”`, e.mentions > 1 ? `, ${e.mentions} mentions` : ""),
    h("div", {}, h("strong", {}, "Who: "), (e.source || []).map((a) => `${a.text || "(implicit)"} [${a.code}]`).join(", ") || "—",
      " → ", (e.target || []).map((a) => `${a.text || "(implicit)"} [${a.code}]`).join(", ") || "—"),
    h("div", {}, h("strong", {}, "When: "), `${e.date.value || "?"} (${e.date.basis}${e.date.text ? ": “" + e.date.text + "”" : ""})`,
      e.place ? ` · Where: ${e.place.name} (${e.place.country || "?"})` : ""),
    e.attribution.length ? h("div", {}, h("strong", {}, "According to: "), e.attribution.map((a) => `${a.text || ""} [${a.code || "?"}]`).join(" ← ")) : null);
}

async function viewArticle(root, id) {
  const data = await api(`/articles/${encodeURIComponent(id)}`);
  const art = data.article;
  const body = h("div", { class: "article-body", id: "article-body" }, annotate(art.text, data));
  const countries = [...new Set(data.actors.map((a) => a.country || a.code))].sort();
  const legend = h("div", { class: "legend" }, countries.map((c) => h("span", { class: "ann actor", style: { "--hue": hue(c) } }, c)),
    h("span", { class: "ann trigger" }, "event trigger"), h("span", { class: "ann time" }, "time"), h("span", { class: "ann quote" }, "quote"));
  const side = h("div", {});
  const detailSlot = h("div", {});
  const select = (e, row) => {
    side.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
    row.classList.add("selected");
    detailSlot.replaceChildren(eventDetail(e, art.text));
    body.querySelectorAll(".flash").forEach((x) => x.classList.remove("flash"));
    const trig = body.querySelector(`[data-event="${CSS.escape(e.id)}"]`);
    if (trig) { trig.classList.add("flash"); trig.scrollIntoView({ block: "center" }); }
  };
  side.append(h("h3", {}, `Events (${data.events.length})`), eventsTable(data.events, { onclick: select }), detailSlot);
  body.addEventListener("click", (ev) => {
    const id2 = ev.target.closest("[data-event]")?.dataset.event;
    const row = id2 && side.querySelector(`tr[data-event="${CSS.escape(id2)}"]`);
    if (row) row.click();
  });
  root.append(
    h("h2", {}, art.title || art.id),
    h("div", { class: "meta muted" }, [art.outlet, (art.published || "").replace("T", " "), (art.authors || []).join(", "),
      (art.agencies || []).join(", "), art.language].filter(Boolean).join(" · "),
      art.url ? [" · ", h("a", { href: art.url, rel: "noreferrer" }, "source")] : ""),
    legend,
    h("div", { class: "article-layout" }, body, side));
}

/* ---------------------------------------------------------------- dyad */

function timelineChart(series) {
  const W = 860, H = 360, m = { l: 48, r: 52, t: 16, b: 64 };
  const n = Math.max(series.length, 1);
  const bw = (W - m.l - m.r) / n;
  const up = series.map((p) => p.quad["1"] + p.quad["2"]);
  const down = series.map((p) => p.quad["3"] + p.quad["4"]);
  const maxCount = Math.max(1, ...up, ...down);
  const golds = series.map((p) => p.goldstein);
  const maxG = Math.max(1, ...golds.map(Math.abs));
  const mid = m.t + (H - m.t - m.b) / 2;
  const yC = (c) => ((H - m.t - m.b) / 2) * (c / maxCount);
  const yG = (g) => mid - ((H - m.t - m.b) / 2) * (g / maxG);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", class: "timeline", "aria-label": "dyad timeline" });
  svg.append(s("line", { x1: m.l, x2: W - m.r, y1: mid, y2: mid, stroke: "#333" }));
  series.forEach((p, i) => {
    const x = m.l + i * bw + bw * 0.15, w = bw * 0.7;
    let yUp = mid, yDown = mid;
    for (const q of ["1", "2"]) {
      const hgt = yC(p.quad[q]);
      if (hgt > 0) { yUp -= hgt; svg.append(s("rect", { x, y: yUp, width: w, height: hgt, fill: QUAD_COLOUR[q], class: "bar q" + q }, s("title", {}, `${p.period}: ${p.quad[q]} ${QUAD[q]}`))); }
    }
    for (const q of ["3", "4"]) {
      const hgt = yC(p.quad[q]);
      if (hgt > 0) { svg.append(s("rect", { x, y: yDown, width: w, height: hgt, fill: QUAD_COLOUR[q], class: "bar q" + q }, s("title", {}, `${p.period}: ${p.quad[q]} ${QUAD[q]}`))); yDown += hgt; }
    }
    svg.append(s("text", { x: x + w / 2, y: H - m.b + 14, "text-anchor": "end", transform: `rotate(-40 ${x + w / 2} ${H - m.b + 14})` }, p.period));
  });
  const pts = series.map((p, i) => `${m.l + i * bw + bw / 2},${yG(p.goldstein)}`).join(" ");
  svg.append(s("polyline", { points: pts, fill: "none", stroke: "#3056a0", "stroke-width": 2.5, class: "goldstein" }));
  series.forEach((p, i) => svg.append(s("circle", { cx: m.l + i * bw + bw / 2, cy: yG(p.goldstein), r: 4, fill: "#3056a0" },
    s("title", {}, `${p.period}: Goldstein ${p.goldstein.toFixed(1)}`))));
  svg.append(s("text", { x: 4, y: m.t + 10 }, `${maxCount} ev.`), s("text", { x: 4, y: mid - 4 }, "coop."),
    s("text", { x: 4, y: mid + 14 }, "conflict"), s("text", { x: W - m.r + 4, y: m.t + 10, fill: "#3056a0" }, `+${maxG.toFixed(0)} G`),
    s("text", { x: W - m.r + 4, y: H - m.b, fill: "#3056a0" }, `-${maxG.toFixed(0)} G`));
  const legend = h("div", { class: "legend" }, Object.entries(QUAD).map(([q, name]) => h("span", { style: { background: QUAD_COLOUR[q], color: "#fff" } }, name)),
    h("span", { style: { color: "#3056a0" } }, "— summed Goldstein"));
  return h("div", { class: "chart" }, legend, svg);
}

async function viewDyad(root, params) {
  const a = params.get("a") || "RUS", b = params.get("b") || "PRK", interval = params.get("interval") || "month";
  const actors = await api("/actors", { limit: 200 });
  const list = h("datalist", { id: "actor-codes" }, actors.map((x) => h("option", { value: x.code }, `${x.code} (${x.events})`)),
    [...new Set(actors.map((x) => x.country).filter(Boolean))].map((c) => h("option", { value: c })));
  const ia = h("input", { name: "a", list: "actor-codes", value: a }), ib = h("input", { name: "b", list: "actor-codes", value: b });
  const iv = h("select", { name: "interval" }, ["day", "week", "month", "year"].map((x) => h("option", { value: x, selected: x === interval }, x)));
  root.append(h("h2", {}, `Dyad ${a} – ${b}`), list,
    h("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); go("/dyad", { a: ia.value.trim(), b: ib.value.trim(), interval: iv.value }); } },
      h("label", {}, "Actor A", ia), h("label", {}, "Actor B", ib), h("label", {}, "Interval", iv), h("button", { type: "submit" }, "Show")));
  const [tl, events] = await Promise.all([
    api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`, { interval }),
    api("/events", { dyad: [a, b], sort: "date", limit: 500 }),
  ]);
  root.append(h("p", { class: "muted" }, `${tl.total} events in both directions; bars: events per QuadClass (cooperation up, conflict down); line: summed Goldstein.`),
    timelineChart(tl.series.filter((p) => p.period !== "unknown")),
    h("h3", {}, `Events (${events.total})`), eventsTable(events.items, { withArticle: true }));
}

/* ---------------------------------------------------------------- network */

function layout(nodes, edges, W, H) {
  // A small deterministic force layout: start on a circle, then repel nodes and pull linked ones.
  const pos = {};
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    pos[n.id] = { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a) };
  });
  for (let it = 0; it < 200; it++) {
    const f = {};
    for (const n of nodes) f[n.id] = { x: 0, y: 0 };
    for (const a of nodes) for (const b of nodes) {
      if (a === b) continue;
      const dx = pos[a.id].x - pos[b.id].x, dy = pos[a.id].y - pos[b.id].y;
      const d2 = Math.max(dx * dx + dy * dy, 100);
      f[a.id].x += (dx / d2) * 4000; f[a.id].y += (dy / d2) * 4000;
    }
    for (const e of edges) {
      const a = pos[e.source], b = pos[e.target];
      const dx = b.x - a.x, dy = b.y - a.y;
      f[e.source].x += dx * 0.01; f[e.source].y += dy * 0.01;
      f[e.target].x -= dx * 0.01; f[e.target].y -= dy * 0.01;
    }
    for (const n of nodes) {
      f[n.id].x += (W / 2 - pos[n.id].x) * 0.01; f[n.id].y += (H / 2 - pos[n.id].y) * 0.01;
      pos[n.id].x = Math.max(40, Math.min(W - 40, pos[n.id].x + Math.max(-10, Math.min(10, f[n.id].x))));
      pos[n.id].y = Math.max(40, Math.min(H - 40, pos[n.id].y + Math.max(-10, Math.min(10, f[n.id].y))));
    }
  }
  return pos;
}

async function viewNetwork(root, params) {
  const p = { date_from: params.get("date_from"), date_to: params.get("date_to"), level: params.get("level") || "country" };
  const inputs = {
    date_from: h("input", { type: "date", name: "date_from", value: p.date_from || "" }),
    date_to: h("input", { type: "date", name: "date_to", value: p.date_to || "" }),
    level: h("select", { name: "level" }, ["country", "code"].map((x) => h("option", { value: x, selected: x === p.level }, x))),
  };
  root.append(h("h2", {}, "Network of actors"),
    h("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); go("/network", Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]))); } },
      h("label", {}, "From", inputs.date_from), h("label", {}, "To", inputs.date_to), h("label", {}, "Level", inputs.level),
      h("button", { type: "submit" }, "Show")));
  const net = await api("/network", p);
  const W = 760, H = 520;
  const pos = layout(net.nodes, net.edges, W, H);
  const maxW = Math.max(1, ...net.edges.map((e) => e.weight));
  const maxN = Math.max(1, ...net.nodes.map((n) => n.weight));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "network", role: "img", "aria-label": "actor network" });
  const defs = s("defs", {});
  svg.append(defs);
  const side = h("div", {}, h("p", { class: "muted" }, "Click an actor to list its partners."));
  net.edges.forEach((e, i) => {
    const a = pos[e.source], b = pos[e.target], colour = goldColour(e.mean_goldstein);
    defs.append(s("marker", { id: "arrow" + i, viewBox: "0 0 10 10", refX: 22, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto" },
      s("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
    // curve slightly so that A→B and B→A stay apart
    const mx = (a.x + b.x) / 2 - (b.y - a.y) * 0.12, my = (a.y + b.y) / 2 + (b.x - a.x) * 0.12;
    svg.append(s("path", { d: `M${a.x},${a.y} Q${mx},${my} ${b.x},${b.y}`, fill: "none", stroke: colour, class: "edge",
      "stroke-width": 1.5 + 6 * (e.weight / maxW), "marker-end": e.mutual ? null : `url(#arrow${i})`, "data-mean-goldstein": e.mean_goldstein },
      s("title", {}, `${e.source} → ${e.target}: ${e.weight} events, mean Goldstein ${(e.mean_goldstein ?? 0).toFixed(2)}`)));
  });
  for (const n of net.nodes) {
    const g = s("g", { class: "node", "data-node": n.id, transform: `translate(${pos[n.id].x},${pos[n.id].y})` },
      s("circle", { r: 14 + 16 * (n.weight / maxN) }), s("text", { "text-anchor": "middle", dy: 4 }, n.id), s("title", {}, `${n.id}: ${n.weight}`));
    g.addEventListener("click", async () => {
      svg.querySelectorAll(".node.selected").forEach((x) => x.classList.remove("selected"));
      g.classList.add("selected");
      try {
        const ego = await api(`/actors/${encodeURIComponent(n.id)}/network`, { level: p.level, date_from: p.date_from, date_to: p.date_to });
        side.replaceChildren(h("h3", {}, `${n.id} interacts with`), h("table", { class: "neighbours" },
          h("thead", {}, h("tr", {}, ["Actor", "Events", "Out", "In", "Mean Goldstein"].map((x) => h("th", {}, x)))),
          h("tbody", {}, ego.neighbours.map((x) => h("tr", {}, h("td", { class: "code" }, h("a", { href: `#/dyad?a=${encodeURIComponent(n.id)}&b=${encodeURIComponent(x.actor)}` }, x.actor)),
            h("td", {}, x.weight), h("td", {}, x.outgoing), h("td", {}, x.incoming),
            h("td", { style: { color: goldColour(x.mean_goldstein) } }, (x.mean_goldstein ?? 0).toFixed(2)))))));
      } catch (err) { showError(err); }
    });
    svg.append(g);
  }
  const scale = h("div", { class: "legend" }, [-10, -5, 0, 5, 10].map((g) => h("span", { style: { background: goldColour(g), color: "#fff" } }, `Goldstein ${g}`)));
  root.append(h("p", { class: "muted" }, `${net.nodes.length} actors, ${net.edges.length} directed interactions; edge colour: mean Goldstein, width: number of events.`),
    h("div", { class: "network-layout" }, h("div", { class: "chart" }, scale, svg), side));
}

/* ---------------------------------------------------------------- router */

async function render() {
  const { path, params } = routeParams();
  const root = document.getElementById("view");
  root.replaceChildren();
  const view = path.split("/")[1] || "search";
  document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
  root.dataset.view = view;
  root.removeAttribute("data-ready");
  try {
    if (view === "article") await viewArticle(root, decodeURIComponent(path.split("/").slice(2).join("/")));
    else if (view === "dyad") await viewDyad(root, params);
    else if (view === "network") await viewNetwork(root, params);
    else await viewSearch(root, params);
  } catch (err) {
    showError(err);
    root.append(h("p", { class: "error-inline" }, String(err.message || err)));
  }
  root.dataset.ready = "1";
}

async function loadStats() {
  try {
    const st = await api("/stats");
    document.getElementById("stats").textContent = `${st.articles} articles · ${st.events} events`;
  } catch (err) { showError(err); }
}

window.addEventListener("hashchange", render);
loadStats();
render();

/* cslint audit report: the macro table's sorting and filtering, and each macro's text with
   its findings highlighted. Inlined into the one HTML file; it fetches nothing. The macros'
   text is untrusted: it is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("audit-data").textContent);
  const RANK = { error: 3, warning: 2, info: 1 };

  /* --- the table: filter and sort --- */
  const table = document.getElementById("macro-table");
  const tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  const search = document.getElementById("filter-text");
  const principle = document.getElementById("filter-principle");
  const severity = document.getElementById("filter-severity");
  const onlyFound = document.getElementById("filter-found");
  const count = document.getElementById("shown-count");
  const more = document.getElementById("show-all");
  /* Rows shown at most until "Show all" is pressed: a browser lays out 10,000 rows for
     seconds on every sort, a few hundred at once. */
  let limit = parseInt(table.dataset.limit, 10);

  function has(list, word) {
    return (" " + list + " ").indexOf(" " + word + " ") >= 0;
  }

  function number(n) {
    return n.toLocaleString("en");
  }

  function filter() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const p = principle.value;
    const s = severity.value;
    const only = onlyFound.checked;
    let matched = 0;
    for (const row of tbody.rows) {
      const data = row.dataset;
      const ok = words.every((w) => data.search.indexOf(w) >= 0) &&
        (!p || has(data.principles, p)) && (!s || has(data.severities, s)) &&
        (!only || data.findings !== "0");
      row.hidden = !ok || matched >= limit;
      if (ok) matched += 1;
    }
    const shown = Math.min(matched, limit);
    count.textContent = matched === shown
      ? number(shown) + " of " + number(rows.length) + " macros shown"
      : number(shown) + " of " + number(matched) + " matching macros shown (" + number(rows.length) + " in all)";
    more.hidden = matched === shown;
    more.textContent = "Show all " + number(matched);
  }
  more.addEventListener("click", () => { limit = Infinity; filter(); });
  for (const control of [search, principle, severity, onlyFound]) {
    control.addEventListener("input", filter);
    control.addEventListener("change", filter);
  }

  function sortBy(th) {
    const column = th.cellIndex;
    const numeric = th.classList.contains("num");
    const direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    for (const other of table.tHead.querySelectorAll("th[aria-sort]")) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", direction);
    const sign = direction === "ascending" ? 1 : -1;
    const keyed = Array.from(tbody.rows, (row, at) => {
      const cell = row.cells[column];
      const value = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
      return { key: numeric ? parseFloat(value) : value.toLowerCase(), at: at, row: row };
    });
    keyed.sort((a, b) => {
      if (numeric) {
        const na = isNaN(a.key), nb = isNaN(b.key);
        if (na || nb) return na === nb ? a.at - b.at : na ? 1 : -1; /* no value: always last */
        if (a.key !== b.key) return sign * (a.key - b.key);
      } else {
        const c = a.key.localeCompare(b.key);
        if (c) return sign * c;
      }
      return a.at - b.at;
    });
    const sorted = document.createDocumentFragment();
    for (const k of keyed) sorted.appendChild(k.row);
    tbody.appendChild(sorted);
    filter(); /* the first rows in the new order are the ones shown */
  }
  for (const button of table.tHead.querySelectorAll("th button")) {
    button.addEventListener("click", () => sortBy(button.closest("th")));
  }

  /* --- one macro: its text, every finding highlighted --- */
  const dialog = document.getElementById("macro-view");
  const tip = dialog.querySelector(".tip");
  let pinned = null;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function describe(i) {
    const f = DATA.findings[i];
    const out = [el("p", "head", f.c + " " + f.n + " \u00b7 " + f.s + " \u00b7 line " + f.l + ", column " + f.o),
                 el("p", "message", f.m)];
    if (f.x !== null) out.push(el("p", "fix", "Fix: " + (f.x ? "write '" + f.x + "'" : "delete it")));
    return out;
  }

  function showTip(mark) {
    tip.replaceChildren();
    for (const i of mark.dataset.f.split(" ")) tip.append(...describe(+i));
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const below = box.bottom + 8;
    tip.style.left = Math.max(8, Math.min(box.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = (below + tip.offsetHeight < window.innerHeight ? below : Math.max(8, box.top - tip.offsetHeight - 8)) + "px";
    for (const li of dialog.querySelectorAll("ol.findings li")) {
      li.classList.toggle("active", has(mark.dataset.f, li.dataset.f));
    }
  }

  function hideTip() {
    if (pinned) return;
    tip.hidden = true;
    for (const li of dialog.querySelectorAll("ol.findings li.active")) li.classList.remove("active");
  }

  function highlighted(m) {
    const text = m.x;
    const cuts = new Set([0, text.length]);
    const spans = m.f.map((i) => DATA.findings[i]);
    for (const f of spans) { cuts.add(f.a); cuts.add(f.b); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    const pins = (at) => {
      const here = m.f.filter((i) => DATA.findings[i].a === at && DATA.findings[i].b === at);
      if (!here.length) return;
      const pin = el("mark", "hl pin sev-" + worst(here), "\u25b2");
      pin.dataset.f = here.join(" ");
      pin.tabIndex = 0;
      pin.setAttribute("aria-label", "finding here");
      out.appendChild(pin);
    };
    for (let k = 0; k + 1 < points.length; k += 1) {
      const start = points[k], end = points[k + 1];
      pins(start);
      const over = m.f.filter((i) => DATA.findings[i].a <= start && end <= DATA.findings[i].b && DATA.findings[i].a < DATA.findings[i].b);
      const piece = text.slice(start, end);
      if (!over.length) { out.appendChild(document.createTextNode(piece)); continue; }
      const mark = el("mark", "hl sev-" + worst(over), piece);
      mark.dataset.f = over.join(" ");
      mark.tabIndex = 0;
      out.appendChild(mark);
    }
    pins(text.length);
    return out;
  }

  function worst(indices) {
    let best = "info";
    for (const i of indices) if (RANK[DATA.findings[i].s] > RANK[best]) best = DATA.findings[i].s;
    return best;
  }

  function openMacro(i) {
    const m = DATA.macros[i];
    pinned = null;
    tip.hidden = true;
    dialog.querySelector("h2").textContent = m.t;
    dialog.querySelector(".where").textContent = m.p + ":" + m.l + " \u00b7 " + m.w + " words" +
      (m.g === null ? "" : " \u00b7 reading grade " + m.g) + " \u00b7 " + m.f.length + " finding" + (m.f.length === 1 ? "" : "s");
    const body = dialog.querySelector(".macro-text");
    body.replaceChildren(highlighted(m));
    const list = dialog.querySelector("ol.findings");
    list.replaceChildren();
    for (const f of m.f) {
      const d = DATA.findings[f];
      const li = el("li", "sev-" + d.s);
      li.dataset.f = String(f);
      li.append(el("code", "", d.c), " " + d.m);
      if (d.x !== null) li.append(el("span", "fix", " (fix: " + (d.x ? "'" + d.x + "'" : "delete") + ")"));
      list.appendChild(li);
    }
    if (!dialog.open) dialog.showModal();
  }

  dialog.addEventListener("mouseover", (e) => { const m = e.target.closest("mark.hl"); if (m && !pinned) showTip(m); });
  dialog.addEventListener("mouseout", (e) => { if (e.target.closest("mark.hl")) hideTip(); });
  dialog.addEventListener("focusin", (e) => { const m = e.target.closest("mark.hl"); if (m && !pinned) showTip(m); });
  dialog.addEventListener("focusout", (e) => { if (e.target.closest("mark.hl")) hideTip(); });
  dialog.addEventListener("click", (e) => {
    const m = e.target.closest("mark.hl");
    if (m) {
      if (pinned === m) { pinned = null; m.classList.remove("active"); hideTip(); return; }
      if (pinned) pinned.classList.remove("active");
      pinned = null;
      showTip(m);
      pinned = m;
      m.classList.add("active");
      return;
    }
    if (e.target.closest("button.close")) dialog.close();
  });
  dialog.addEventListener("close", () => { pinned = null; tip.hidden = true; });

  document.addEventListener("click", (e) => {
    const opener = e.target.closest("[data-open]");
    if (opener) openMacro(+opener.dataset.open);
  });

  filter();
})();

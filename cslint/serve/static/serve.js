// cslint serve: the page's script. The reply is checked by the server (POST /api/lint)
// a moment after the agent stops typing; between checks the highlights move with the
// edits. The server counts offsets in code points (as Python does); a JavaScript string
// counts UTF-16 units, in which an emoji is two: every offset is converted here.
"use strict";

(() => {
  const DELAY_MS = 250;
  const reply = document.getElementById("reply");
  const context = document.getElementById("context");
  const backdrop = document.getElementById("backdrop");
  const list = document.getElementById("findings");
  const summary = document.getElementById("summary");
  const status = document.getElementById("status");
  const fixAll = document.getElementById("fix-all");

  // What is shown: the findings of the last check, placed in `text` (from, to: UTF-16).
  let shown = { text: "", findings: [] };
  // The reply and customer's message the last answer was for (no need to ask again).
  let checked = { reply: "", context: "" };
  let timer = 0;
  let asked = 0;
  let pending = null;

  // UTF-16 index of every code point boundary of `text` (index: code point offset).
  // A lone surrogate is one code point, as in the JSON the server reads.
  function units(text) {
    const at = [0];
    for (let i = 0; i < text.length;) {
      const c = text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      i += pair ? 2 : 1;
      at.push(i);
    }
    return at;
  }

  // The code point offset of UTF-16 index `unit` in `text`.
  function points(text, unit) {
    let n = 0;
    for (let i = 0; i < unit;) {
      const c = text.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      i += pair ? 2 : 1;
      n += 1;
    }
    return n;
  }

  function placed(text, findings) {
    const at = units(text);
    return findings.map((f) => ({ ...f, from: at[f.start], to: at[f.end] }));
  }

  // The findings of `shown` carried over to `text` after an edit: those before the edit
  // stay, those after it move by its length, those it touched wait for the next check.
  function carried(text) {
    const old = shown.text;
    let head = 0;
    while (head < old.length && head < text.length && old[head] === text[head]) head += 1;
    let tail = 0;
    while (tail < old.length - head && tail < text.length - head && old[old.length - 1 - tail] === text[text.length - 1 - tail]) tail += 1;
    const shift = text.length - old.length;
    const kept = [];
    for (const f of shown.findings) {
      if (f.to <= head && f.to > f.from) kept.push(f);
      else if (f.from >= old.length - tail && f.to > f.from) kept.push({ ...f, from: f.from + shift, to: f.to + shift });
    }
    return { text, findings: kept };
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The copy of the reply under the text area, its flagged spans in <mark>s (a stretch
  // flagged by several findings is one mark naming them all).
  function paint() {
    const { text, findings } = shown;
    const cuts = new Set([0, text.length]);
    for (const f of findings) {
      if (f.to > f.from) { cuts.add(f.from); cuts.add(f.to); }
    }
    const stops = [...cuts].sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    for (let k = 0; k + 1 < stops.length; k += 1) {
      const [a, b] = [stops[k], stops[k + 1]];
      const over = findings.map((f, i) => [f, i]).filter(([f]) => f.from <= a && f.to >= b && f.to > f.from);
      if (over.length === 0) {
        out.append(text.slice(a, b));
      } else {
        const worst = over.some(([f]) => f.severity === "error") ? "error" : over.every(([f]) => f.severity === "info") ? "info" : "warning";
        const mark = el("mark", worst, text.slice(a, b));
        mark.dataset.i = over.map(([, i]) => i).join(" ");
        out.append(mark);
      }
    }
    out.append(" "); // (a reply ending in a line break still gets its last line's height)
    backdrop.replaceChildren(out);
  }

  function activate(index, on) {
    for (const node of backdrop.querySelectorAll(`mark[data-i~="${index}"]`)) node.classList.toggle("active", on);
    list.children[index]?.classList.toggle("active", on);
  }

  function renderList() {
    const { text, findings } = shown;
    const items = findings.map((f, i) => {
      const item = el("li", `finding ${f.severity}`);
      const head = el("div", "head");
      head.append(el("span", "code", f.code), el("span", "principle", f.principle), el("span", "severity", f.severity));
      item.append(head, el("p", "message", f.message));
      if (f.fix) {
        const fix = el("p", "fix");
        fix.append(el("del", "", text.slice(f.from, f.to)), "\u2192 ", el("ins", "", f.fix.replacement || "(delete)"));
        const apply = el("button", "apply", "Apply");
        apply.type = "button";
        apply.addEventListener("click", (event) => { event.stopPropagation(); applyFix({ finding: f }); });
        fix.append(apply);
        if (f.fix.applicability === "unsafe") fix.append(el("span", "unsafe", "check the meaning after applying"));
        item.append(fix);
      }
      for (const [on, off] of [["mouseenter", "mouseleave"], ["focus", "blur"]]) {
        item.addEventListener(on, () => activate(i, true));
        item.addEventListener(off, () => activate(i, false));
      }
      const select = () => { reply.focus(); reply.setSelectionRange(f.from, f.to); };
      item.tabIndex = 0;
      item.addEventListener("click", select);
      item.addEventListener("keydown", (event) => { if (event.key === "Enter" && event.target === item) select(); });
      return item;
    });
    list.replaceChildren(...items);
    fixAll.disabled = !findings.some((f) => f.fix && f.fix.applicability === "safe");
  }

  function renderSummary(counts) {
    summary.replaceChildren();
    if (!shown.text.trim()) return;
    const total = counts.reduce((n, c) => n + c.count, 0);
    summary.append(total === 0 ? "No findings" : `${total} finding${total === 1 ? "" : "s"}`);
    for (const c of counts) summary.append(" ", el("span", "count", `${c.principle} ${c.count}`));
  }

  function say(text, isError = false) {
    status.textContent = text;
    status.classList.toggle("error", isError);
  }

  function show(sent, data) {
    checked = sent;
    shown = { text: sent.reply, findings: placed(sent.reply, data.findings) };
    if (reply.value !== sent.reply) shown = carried(reply.value); // (typed on meanwhile: the next check is coming)
    paint();
    renderList();
    renderSummary(data.summary);
    say("");
  }

  async function post(path, body, signal) {
    const response = await fetch(path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal,
    });
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    if (!response.ok) {
      const error = new Error((data && data.error) || `the server answered ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  async function check() {
    const sent = { reply: reply.value, context: context.value };
    if (pending) pending.abort();
    pending = new AbortController();
    const mine = ++asked;
    say("Checking\u2026");
    try {
      const data = await post("/api/lint", sent, pending.signal);
      if (mine === asked) show(sent, data);
    } catch (error) {
      if (error.name !== "AbortError" && mine === asked) say(error.message, true);
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (reply.value === checked.reply && context.value === checked.context) return;
    timer = setTimeout(check, DELAY_MS);
  }

  // Put the fixed reply in the box as an edit the agent can undo (Ctrl+Z): only the
  // changed stretch is replaced.
  function replaceText(text) {
    const old = reply.value;
    let head = 0;
    while (head < old.length && head < text.length && old[head] === text[head]) head += 1;
    let tail = 0;
    while (tail < old.length - head && tail < text.length - head && old[old.length - 1 - tail] === text[text.length - 1 - tail]) tail += 1;
    reply.focus();
    reply.setSelectionRange(head, old.length - tail);
    const inserted = text.slice(head, text.length - tail);
    if (!document.execCommand("insertText", false, inserted) || reply.value !== text) reply.value = text;
  }

  async function applyFix(what) {
    const sent = { reply: reply.value, context: context.value };
    const body = { ...sent };
    if (what.finding) {
      const f = what.finding;
      body.finding = { code: f.code, start: points(sent.reply, f.from), end: points(sent.reply, f.to) };
    } else {
      body.all = true;
    }
    clearTimeout(timer);
    if (pending) pending.abort();
    const mine = ++asked;
    say("Fixing\u2026");
    try {
      const data = await post("/api/fix", body);
      if (mine !== asked || reply.value !== sent.reply) return; // (typed on meanwhile: that text wins)
      if (data.reply !== sent.reply) replaceText(data.reply);
      clearTimeout(timer); // (the edit asked for a check: the answer has the findings already)
      show({ reply: data.reply, context: sent.context }, data);
      say(data.applied ? `Applied ${data.applied} fix${data.applied === 1 ? "" : "es"}` : "That fix would change more than the words: not applied");
    } catch (error) {
      if (mine !== asked) return;
      say(error.message, true);
      if (error.status === 409) check();
    }
  }

  reply.addEventListener("input", () => {
    shown = carried(reply.value);
    paint();
    renderList();
    schedule();
  });
  context.addEventListener("input", schedule);
  fixAll.addEventListener("click", () => applyFix({ all: true }));
  paint();
})();

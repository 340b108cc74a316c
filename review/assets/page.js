// The review page's behaviour: the rows table (filtered, sorted, drawn
// only where it is scrolled to), selection between rows and marks, the
// tooltip and the keyboard. Every text goes into the page as textContent.
(() => {
  "use strict";
  const ROW_HEIGHT = 28; // px, as tbody tr in page.css
  const KINDS = ["count", "percent", "money", "measure", "program"];
  const NUMERIC = new Set(["line", "page", "value"]); // columns sorted and aligned as numbers
  const $ = (sel) => document.querySelector(sel);

  const docNames = JSON.parse($("#zh-docs").textContent);
  const rows = [];
  for (const block of document.querySelectorAll("script.zh-rows")) {
    for (const a of JSON.parse(block.textContent)) {
      // As review.go's rowData writes them.
      const r = {
        n: a[0], doc: a[1], line: a[2], kind: a[3], metric: a[4], canonical: a[5], value: a[6], unit: a[7],
        qualifier: a[8], masked: (a[9] & 1) !== 0, marked: (a[9] & 2) !== 0, raw: a[10], page: a[11] || "",
        op: a[12] ?? "", changes: a[13] ?? [],
      };
      rows[r.n - 1] = r;
    }
  }
  // A marked row's raw is the text of its marks, read when the filter is
  // first used and the texts are parsed.
  let rawsRead = false;
  function readRaws() {
    if (rawsRead) return;
    rawsRead = true;
    for (const m of document.querySelectorAll("#texts mark[data-row]")) {
      const r = rows[Number(m.dataset.row) - 1];
      if (r && r.marked) r.raw += m.textContent;
    }
    for (const r of rows) if (r) r.hay = undefined;
    if (state.query !== "") refilter();
  }
  function readRawsWhenParsed() {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", readRaws, { once: true });
    else readRaws();
  }

  // The texts come after this script, so they are reached through the
  // document: the table works while a long batch is still being parsed.
  const scroller = $("#scroller"), tbody = $("#tbody"), tip = $("#tip");
  const heads = [...document.querySelectorAll("thead th")];
  const cols = heads.map((th) => th.dataset.col);
  let printing = false; // draw shows every row while the page prints
  const state = { view: [], sortCol: "", sortDir: 0, query: "", kinds: new Set([...KINDS, "other"]), doc: -1, selected: 0, drawn: "" };

  const kindOf = (r) => (KINDS.includes(r.kind) ? r.kind : "other");
  const docName = (r) => docNames[r.doc] ?? "";
  const docBases = docNames.map((name) => name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1));

  function cell(r, col) {
    switch (col) {
      case "doc": return docBases[r.doc] ?? "";
      case "value": return r.masked && r.value === "" ? "masked" : r.value;
      default: return String(r[col] ?? "");
    }
  }

  function haystack(r) {
    if (r.hay === undefined) {
      r.hay = [docName(r), r.kind, r.metric, r.canonical, r.value, r.unit, r.qualifier, r.raw, r.op]
        .join("\u0001").toLowerCase();
    }
    return r.hay;
  }

  function compare(a, b) {
    const col = state.sortCol;
    let d;
    if (NUMERIC.has(col)) {
      const x = a[col] === "" ? -Infinity : Number(a[col]);
      const y = b[col] === "" ? -Infinity : Number(b[col]);
      d = x - y;
    } else {
      const x = cell(a, col), y = cell(b, col);
      d = x < y ? -1 : x > y ? 1 : 0;
    }
    return d * state.sortDir || a.n - b.n;
  }

  function refilter() {
    const q = state.query.toLowerCase();
    state.view = rows.filter((r) => r && state.kinds.has(kindOf(r)) &&
      (state.doc < 0 || r.doc === state.doc) && (q === "" || haystack(r).includes(q)));
    if (state.sortDir !== 0) state.view.sort(compare);
    let note = `${state.view.length} of ${rows.length} rows`;
    if (state.doc >= 0) note += ` in ${docNames[state.doc]}`;
    $("#shown").textContent = note;
    draw(true);
  }

  function padRow(height) {
    const tr = document.createElement("tr");
    tr.className = "pad";
    tr.style.height = height + "px";
    tr.setAttribute("aria-hidden", "true");
    const td = document.createElement("td");
    td.colSpan = cols.length;
    tr.append(td);
    return tr;
  }

  // draw renders only the rows in and near the scrolled-to part of the table.
  function draw(force) {
    const view = state.view;
    const top = scroller.scrollTop, height = scroller.clientHeight || 800;
    const first = printing ? 0 : Math.max(0, Math.floor(top / ROW_HEIGHT) - 15);
    const last = printing ? view.length : Math.min(view.length, Math.ceil((top + height) / ROW_HEIGHT) + 15);
    const key = `${first}:${last}`;
    if (!force && key === state.drawn) return;
    state.drawn = key;
    const focused = document.activeElement?.closest?.("tr.row")?.dataset.n;
    const frag = document.createDocumentFragment();
    if (first > 0) frag.append(padRow(first * ROW_HEIGHT));
    for (let i = first; i < last; i++) {
      const r = view[i];
      const tr = document.createElement("tr");
      tr.className = "row" + (r.marked ? "" : " unmarked") + (r.n === state.selected ? " selected" : "");
      tr.dataset.n = r.n;
      tr.tabIndex = 0;
      for (const col of cols) {
        const td = document.createElement("td");
        td.textContent = cell(r, col);
        if (NUMERIC.has(col)) td.className = "num";
        if (col === "op") td.className = "op-" + r.op;
        tr.append(td);
      }
      tr.title = docName(r) + (r.marked ? "" : " · no mark: the span does not hold this raw in the text shown");
      frag.append(tr);
    }
    if (last < view.length) frag.append(padRow((view.length - last) * ROW_HEIGHT));
    tbody.replaceChildren(frag);
    if (focused) tbody.querySelector(`tr[data-n="${focused}"]`)?.focus({ preventScroll: true });
  }

  const marksOf = (n) => document.querySelectorAll(`#texts mark[data-row="${Number(n)}"]`);
  const markAt = (e) => e.target.closest?.("#texts mark");

  // select makes row n the selected one; with toMark its mark is scrolled
  // into view and flashed, with toRow its table row is.
  function select(n, { toMark = false, toRow = false } = {}) {
    for (const m of document.querySelectorAll("#texts mark.selected")) m.classList.remove("selected");
    state.selected = n;
    const marks = marksOf(n);
    if (toMark && marks.length === 0 && document.readyState === "loading") {
      // Its text is not parsed yet: go there once it is.
      document.addEventListener("DOMContentLoaded", () => select(n, { toMark, toRow }), { once: true });
    }
    for (const m of marks) m.classList.add("selected");
    const r = rows[n - 1];
    if (r) {
      for (const li of document.querySelectorAll("nav li.current")) li.classList.remove("current");
      document.querySelector(`nav li[data-doc="${r.doc}"]`)?.classList.add("current");
    }
    if (toMark && marks.length > 0) {
      const m = marks[0];
      m.scrollIntoView({ block: "center", inline: "nearest" });
      m.classList.remove("flash");
      void m.offsetWidth; // restart the animation
      m.classList.add("flash");
      m.focus({ preventScroll: true });
    }
    if (toRow) {
      const i = state.view.indexOf(r);
      if (i >= 0) {
        const top = i * ROW_HEIGHT, h = scroller.clientHeight;
        if (top < scroller.scrollTop + ROW_HEIGHT || top > scroller.scrollTop + h - 2 * ROW_HEIGHT) {
          scroller.scrollTop = Math.max(0, top - h / 2);
        }
      }
    }
    draw(true);
  }

  function step(delta) {
    const view = state.view;
    if (view.length === 0) return;
    let i = view.findIndex((r) => r.n === state.selected);
    i = i < 0 ? (delta > 0 ? 0 : view.length - 1) : Math.min(view.length - 1, Math.max(0, i + delta));
    select(view[i].n, { toMark: true, toRow: true });
  }

  // The tooltip shows the fact under the pointer or focus and every fact
  // whose mark encloses it.
  function showTip(mark) {
    const items = [];
    for (let m = mark; m; m = m.parentElement?.closest("mark")) {
      const r = rows[Number(m.dataset.row) - 1];
      if (r) items.push(tipItem(r));
    }
    if (items.length === 0) return;
    tip.replaceChildren(...items);
    tip.hidden = false;
    const box = mark.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(box.left, innerWidth - w - 8)) + "px";
    tip.style.top = (box.bottom + h + 8 < innerHeight ? box.bottom + 6 : Math.max(4, box.top - h - 6)) + "px";
  }

  function line(label, text) {
    const div = document.createElement("div");
    const k = document.createElement("span");
    k.className = "k";
    k.textContent = label + " ";
    div.append(k, text);
    return div;
  }

  function tipItem(r) {
    const item = document.createElement("div");
    item.className = "item";
    const head = document.createElement("div");
    const b = document.createElement("b");
    b.textContent = (r.op ? r.op + " " : "") + r.kind;
    let amount = r.masked ? " masked" : "";
    if (r.value !== "" || r.unit !== "") amount = ` ${r.value} ${r.unit}`.trimEnd() + amount;
    head.append(b, amount);
    item.append(head);
    if (r.qualifier) item.append(line("qualifier", r.qualifier));
    if (r.metric) item.append(line("metric", r.metric));
    if (r.canonical) item.append(line("canonical", r.canonical));
    for (let i = 0; i + 2 < r.changes.length; i += 3) {
      item.append(line(r.changes[i], `${r.changes[i + 1]} → ${r.changes[i + 2]}`));
    }
    item.append(line("row", `${r.n} · line ${r.line}` + (r.page ? ` · page ${r.page}` : "")));
    return item;
  }

  document.addEventListener("click", (e) => {
    const m = markAt(e);
    if (m) select(Number(m.dataset.row), { toRow: true });
  });
  document.addEventListener("mouseover", (e) => {
    const m = markAt(e);
    if (m) showTip(m); else if (!tip.hidden && !markAt({ target: document.activeElement })) tip.hidden = true;
  });
  document.addEventListener("focusin", (e) => { const m = markAt(e); if (m) showTip(m); });
  document.addEventListener("focusout", () => { tip.hidden = true; });
  // Scrolling the texts moves the focused mark's tip with it (Tab onto a
  // mark off screen scrolls to it), and hides a tip shown by hover.
  document.addEventListener("scroll", (e) => {
    if (e.target.id !== "texts") return;
    const m = markAt({ target: document.activeElement });
    if (m) showTip(m); else tip.hidden = true;
  }, { capture: true, passive: true });
  document.addEventListener("keydown", (e) => {
    const m = markAt(e);
    if (m && e.key === "Enter") {
      e.preventDefault();
      select(Number(m.dataset.row), { toRow: true });
    }
  });

  tbody.addEventListener("click", (e) => {
    const tr = e.target.closest("tr.row");
    if (tr) select(Number(tr.dataset.n), { toMark: true });
  });
  tbody.addEventListener("keydown", (e) => {
    const tr = e.target.closest("tr.row");
    if (tr && e.key === "Enter") {
      e.preventDefault();
      select(Number(tr.dataset.n), { toMark: true });
    }
  });
  scroller.addEventListener("scroll", () => requestAnimationFrame(() => draw(false)), { passive: true });
  // A printed page shows every row of the table as filtered, not just the
  // ones scrolled to.
  addEventListener("beforeprint", () => { printing = true; draw(true); });
  addEventListener("afterprint", () => { printing = false; draw(true); });
  addEventListener("resize", () => draw(true));

  for (const th of heads) {
    const sort = () => {
      const col = th.dataset.col;
      state.sortDir = state.sortCol !== col ? 1 : state.sortDir === 1 ? -1 : state.sortDir === -1 ? 0 : 1;
      state.sortCol = col;
      for (const h of heads) h.setAttribute("aria-sort", "none");
      if (state.sortDir !== 0) th.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
      refilter();
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  }
  for (const button of document.querySelectorAll("button.kind")) {
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      if (on) state.kinds.add(button.dataset.kind); else state.kinds.delete(button.dataset.kind);
      refilter();
    });
  }
  let typing = 0;
  $("#q").addEventListener("input", (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.query = e.target.value; readRawsWhenParsed(); refilter(); }, 120);
  });

  // The document list: a click shows the document and limits the table to
  // its rows; a second click on it shows every document's rows again.
  const nav = $("#docs");
  nav.addEventListener("click", (e) => {
    const li = e.target.closest("li[data-doc]");
    if (!li) return;
    const doc = Number(li.dataset.doc);
    state.doc = state.doc === doc ? -1 : doc;
    for (const x of nav.querySelectorAll("li.current")) x.classList.remove("current");
    if (state.doc >= 0) li.classList.add("current");
    refilter();
  });
  $("#docfilter").addEventListener("input", (e) => {
    const q = e.target.value.toLowerCase();
    for (const li of nav.querySelectorAll("li[data-doc]")) {
      li.hidden = q !== "" && !(docNames[Number(li.dataset.doc)] ?? "").toLowerCase().includes(q);
    }
  });

  document.addEventListener("keydown", (e) => {
    if (e.target.matches("input, textarea") || e.ctrlKey || e.metaKey || e.altKey) {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    if (e.key === "j") { e.preventDefault(); step(1); }
    else if (e.key === "k") { e.preventDefault(); step(-1); }
    else if (e.key === "/") { e.preventDefault(); $("#q").focus(); }
  });

  refilter();
  window.zhReview = { ready: performance.now(), rows: rows.length, docs: docNames.length };
  document.documentElement.dataset.ready = "true";
})();

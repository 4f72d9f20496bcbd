// The report's only script: the article reader, the source filter, printing. It reads the
// data block the page carries and never builds markup from it: every text goes into a
// text node.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const sources = data.sources;
  const spans = data.spans;
  const reader = document.getElementById("reader");
  const readerTitle = document.getElementById("reader-title");
  const readerMeta = document.getElementById("reader-meta");
  const readerTabs = document.getElementById("reader-tabs");
  const readerText = document.getElementById("reader-text");
  let active = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Merge overlapping [start, end) intervals of one source.
  function merged(list) {
    const sorted = list.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out = [];
    for (const [s, e] of sorted) {
      const last = out[out.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
    }
    return out;
  }

  function show(sourceIndex, indices) {
    const source = sources[sourceIndex];
    const mine = indices.map((i) => spans[i]).filter((sp) => sp[0] === sourceIndex);
    readerTitle.textContent = source.label;
    const where = mine.map((sp) => sp[1] + "–" + sp[2] + (sp[3] === "exact" ? "" : " " + sp[3]));
    readerMeta.textContent = [
      source.published,
      source.headline,
      source.path,
      where.length ? "passage at " + where.join(", ") : "",
    ]
      .filter(Boolean)
      .join(" · ");
    readerText.replaceChildren();
    for (const tab of readerTabs.querySelectorAll("button")) {
      tab.setAttribute("aria-pressed", String(Number(tab.dataset.source) === sourceIndex));
    }
    if (source.text === null) {
      readerText.append(
        el("p", "missing", "The article's text is not in this report (" + source.path + "). Its passages:")
      );
      for (const sp of mine) {
        const block = el("blockquote");
        block.append(el("mark", "hl", sp[4]), el("cite", "", sp[1] + "–" + sp[2]));
        readerText.append(block);
      }
    } else {
      const text = source.text;
      let at = 0;
      for (const [s, e] of merged(mine.map((sp) => [sp[1], sp[2]]))) {
        if (s > at) readerText.append(document.createTextNode(text.slice(at, s)));
        const mark = el("mark", "hl", text.slice(s, e));
        mark.dataset.start = String(s);
        mark.dataset.end = String(e);
        readerText.append(mark);
        at = e;
      }
      readerText.append(document.createTextNode(text.slice(at)));
    }
    const first = readerText.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
  }

  function open(trigger) {
    const indices = (trigger.dataset.ev || "").split(" ").filter(Boolean).map(Number);
    let order = [...new Set(indices.map((i) => spans[i][0]))];
    if (trigger.dataset.source !== undefined) {
      order = [Number(trigger.dataset.source)];
    }
    if (!order.length) return;
    if (active) active.classList.remove("active");
    active = trigger;
    trigger.classList.add("active");
    readerTabs.replaceChildren();
    if (order.length > 1) {
      for (const index of order) {
        const tab = el("button", "tab", sources[index].label);
        tab.type = "button";
        tab.dataset.source = String(index);
        tab.addEventListener("click", () => show(index, indices));
        readerTabs.append(tab);
      }
    }
    reader.hidden = false;
    document.body.classList.add("reading");
    show(order[0], indices);
    if (trigger.classList.contains("none")) {
      readerMeta.textContent += " · no passage of this article shows the value";
    }
  }

  function close() {
    reader.hidden = true;
    document.body.classList.remove("reading");
    if (active) {
      active.classList.remove("active");
      active.focus();
      active = null;
    }
  }

  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("[data-ev]");
    if (trigger && !reader.contains(trigger)) {
      event.preventDefault();
      open(trigger);
    }
  });
  document.getElementById("reader-close").addEventListener("click", close);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !reader.hidden) close();
    const trigger = event.target.closest && event.target.closest("[data-ev]");
    if (trigger && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      open(trigger);
    }
  });

  // Filter: show only what one source reports.
  const filter = document.getElementById("filter");
  const status = document.getElementById("filter-status");
  filter.addEventListener("change", () => {
    const chosen = filter.value;
    let shown = 0;
    for (const node of document.querySelectorAll("[data-src]")) {
      const has = chosen === "" || node.dataset.src.split(" ").includes(chosen);
      node.classList.toggle("filtered", !has);
      if (has && node.matches(".item")) shown += 1;
    }
    for (const chip of document.querySelectorAll(".src")) {
      chip.classList.toggle("chosen", chip.dataset.source === chosen);
    }
    document.body.classList.toggle("filtering", chosen !== "");
    status.textContent =
      chosen === "" ? "" : shown + " items reported by " + sources[Number(chosen)].label;
  });

  // Printing: evidence unfolded, the reader closed.
  let folded = [];
  window.addEventListener("beforeprint", () => {
    folded = [...document.querySelectorAll("details:not([open])")];
    for (const d of folded) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of folded) d.open = false;
    folded = [];
  });
})();

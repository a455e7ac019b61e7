// glossalign alignment report: a workbench over the embedded data.
// Only the beads on screen exist as elements (a virtualised list); text from the report is only
// ever written with textContent, never parsed as HTML.
(function () {
  "use strict";
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var view = JSON.parse(document.getElementById("view-data").textContent);
  var findings = report.findings;
  var hash = document.body.getAttribute("data-content-hash");
  var storeKey = "glossalign:decisions:" + hash;
  var bilingual = view.bilingual;
  var threshold = view.threshold, scoreThreshold = view.score_threshold;
  var beadsEl = document.getElementById("beads");
  var rowsEl = document.getElementById("rows");
  var topEl = document.getElementById("spacer-top");
  var bottomEl = document.getElementById("spacer-bottom");
  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  var minimap = document.getElementById("minimap");
  var $ = function (id) { return document.getElementById(id); };
  var OVERSCAN = 300;  // pixels rendered above and below the window

  // ---- state: beads (edited by the user), decisions on findings, undo history ----
  var original = view.beads.map(function (b, i) {
    return { src: b[0], tgt: b[1], conf: b[2], score: b[3], origin: [i], confirmed: false };
  });
  var state = { beads: original.slice(), decisions: {}, edits: [] };
  var undoStack = [], redoStack = [];
  var derived = null;  // per-bead findings, marks, search text: recomputed after each change
  var filters = { rule: "", severity: "", concept: "", kind: "", confidence: "", decision: "",
    problems: "", q: "" };
  var shown = [];  // indices into state.beads that pass the filters
  var offsets = [0];  // offsets[i]: top of shown[i] inside #rows' coordinate space
  var heights = new WeakMap();  // measured height per bead object
  var rowCache = new Map();  // bead object -> element
  var current = null;  // the bead object with keyboard focus
  var renderAllMode = false;

  function kindOf(b) { return b.src.length + "-" + b.tgt.length; }

  function marksOf(b) {
    if (!bilingual) { return []; }
    var marks = [], kind = kindOf(b);
    if (b.src.length && !b.tgt.length) { marks.push(["omission", "omission", "source text with no translation"]); }
    if (b.tgt.length && !b.src.length) { marks.push(["addition", "addition", "translation with no source text"]); }
    if (["1-1", "1-2", "2-1", "1-0", "0-1"].indexOf(kind) < 0) {
      marks.push(["unusual", "unusual " + kind, b.src.length + " source sentences aligned to " +
        b.tgt.length + " target sentences"]);
    }
    if (b.conf !== null && !b.confirmed) {  // beads the editor drew or confirmed are certain
      if (b.conf < threshold) {
        marks.push(["low-confidence", "low confidence", "alignment confidence " +
          b.conf.toFixed(2) + " is below " + threshold.toFixed(2)]);
      } else if (scoreThreshold !== null && b.score < scoreThreshold) {
        marks.push(["low-confidence", "low confidence", "bead score " + b.score.toFixed(2) +
          " is below " + scoreThreshold.toFixed(2)]);
      }
    }
    return marks;
  }

  // A finding belongs to the bead that now holds its sentence (beads move when edited).
  function derive() {
    var beads = state.beads, srcOwner = [], tgtOwner = [], i, j;
    for (i = 0; i < beads.length; i++) {
      for (j = 0; j < beads[i].src.length; j++) { srcOwner[beads[i].src[j]] = i; }
      for (j = 0; j < beads[i].tgt.length; j++) { tgtOwner[beads[i].tgt[j]] = i; }
    }
    var byBead = beads.map(function () { return []; });
    findings.forEach(function (f, index) {
      var at = null;
      if (f.target && tgtOwner[f.target.segment] !== undefined) { at = tgtOwner[f.target.segment]; }
      else if (f.source && srcOwner[f.source.segment] !== undefined) { at = srcOwner[f.source.segment]; }
      else if (f.bead !== null && f.bead !== undefined && view.beads[f.bead]) {
        var ob = view.beads[f.bead];
        at = ob[1].length ? tgtOwner[ob[1][0]] : srcOwner[ob[0][0]];
      }
      if (at !== null && at !== undefined) { byBead[at].push(index); }
    });
    derived = beads.map(function (b, i) {
      var text = b.src.map(function (s) { return view.src[s][0]; }).join(" ") + "\n" +
        b.tgt.map(function (t) { return view.tgt[t][0]; }).join(" ");
      var marks = marksOf(b);
      return { findings: byBead[i], marks: marks, text: text.toLowerCase(),
        problem: marks.length > 0 || byBead[i].length > 0 };
    });
  }

  function decisionOf(index) {
    var d = state.decisions[index];
    return d ? d.decision : "open";
  }

  function beadMatches(i) {
    var b = state.beads[i], d = derived[i];
    if (filters.kind && kindOf(b) !== filters.kind) { return false; }
    if (filters.problems && !d.problem) { return false; }
    if (filters.confidence === "low" && !d.marks.some(function (m) { return m[0] === "low-confidence"; })) { return false; }
    if (filters.confidence === "confirmed" && !b.confirmed) { return false; }
    if (filters.confidence === "unconfirmed" && b.confirmed) { return false; }
    if (filters.q && d.text.indexOf(filters.q.toLowerCase()) < 0) { return false; }
    if (filters.rule || filters.severity || filters.concept || filters.decision) {
      return d.findings.some(function (index) {
        var f = findings[index];
        return (!filters.rule || f.rule === filters.rule) &&
          (!filters.severity || f.severity === filters.severity) &&
          (!filters.concept || f.concept === filters.concept) &&
          (!filters.decision || decisionOf(index) === filters.decision);
      });
    }
    return true;
  }

  function heightOf(i) {
    var b = state.beads[shown[i]], h = heights.get(b);
    if (h === undefined) {
      h = 14 + Math.max(b.src.length, b.tgt.length, 1) * 26 + derived[shown[i]].findings.length * 24;
    }
    return h;
  }

  function computeOffsets() {
    offsets = new Array(shown.length + 1);
    offsets[0] = 0;
    for (var i = 0; i < shown.length; i++) { offsets[i + 1] = offsets[i] + heightOf(i); }
  }

  function applyFilters() {
    shown = [];
    for (var i = 0; i < state.beads.length; i++) { if (beadMatches(i)) { shown.push(i); } }
    computeOffsets();
    updateCounts();
    writeHashNow();
    render();
    paintProblems();
    drawMinimap();
  }

  // ---- rendering: the window of beads around the scroll position ----
  function firstAt(y) {  // index in shown of the bead covering y
    var lo = 0, hi = shown.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (offsets[mid + 1] <= y) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  function render() {
    var focused = document.activeElement;  // before rows move into the fragment and lose it
    var listTop = beadsEl.getBoundingClientRect().top + window.scrollY;
    var from = 0, to = shown.length;
    if (!renderAllMode) {
      var top = window.scrollY - listTop - OVERSCAN;
      var bottom = window.scrollY - listTop + window.innerHeight + OVERSCAN;
      from = firstAt(Math.max(0, top));
      to = Math.min(shown.length, firstAt(Math.max(0, bottom)) + 1);
    }
    // Keep the rows that stay in the window where they are: moving them would make the browser
    // style and lay them out again, which is what made a key press slow.
    var want = [], wanted = new Set(), fresh = [];
    for (var k = from; k < to; k++) {
      var row = rowFor(shown[k]);
      want.push(row);
      wanted.add(row);
    }
    Array.prototype.slice.call(rowsEl.children).forEach(function (child) {
      if (!wanted.has(child)) { rowsEl.removeChild(child); }
    });
    var cursor = rowsEl.firstChild;
    want.forEach(function (row) {
      if (row === cursor) { cursor = cursor.nextSibling; return; }
      rowsEl.insertBefore(row, cursor);
      fresh.push(row);
    });
    if (focused && rowsEl.contains(focused) && document.activeElement !== focused) {
      focused.focus({ preventScroll: true });
    }
    var changed = false;
    fresh.forEach(function (row) {
      var b = state.beads[Number(row.getAttribute("data-index"))], h = row.offsetHeight;
      if (heights.get(b) !== h) { heights.set(b, h); changed = true; }
    });
    if (changed) { computeOffsets(); }
    topEl.style.height = offsets[from] + "px";
    bottomEl.style.height = (offsets[shown.length] - offsets[to]) + "px";
    if (rowCache.size > 3000) { rowCache.clear(); }
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function sentence(side, id) {
    var seg = view[side][id], text = seg[0];
    var p = el("p", "sent");
    p.setAttribute("data-segment", id);
    var ln = el("span", "ln", String(seg[1]));
    ln.title = (side === "src" ? "source" : "target") + " line " + seg[1];
    p.appendChild(ln);
    var body = el("span", "text");
    body.setAttribute("dir", "auto");
    var spans = (view.spans[side][id] || []).filter(function (s) {
      return s[0] >= 0 && s[0] < s[1] && s[1] <= text.length;
    });
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var start = cuts[i], end = cuts[i + 1], piece = text.slice(start, end);
      var cover = spans.filter(function (s) { return s[0] <= start && end <= s[1]; });
      if (!cover.length) { body.appendChild(document.createTextNode(piece)); continue; }
      var mark = el("mark", unique(cover.map(function (s) { return s[2]; }).join(" ").split(" ")).join(" "), piece);
      var indices = unique([].concat.apply([], cover.map(function (s) { return s[3]; })));
      var notes = cover.map(function (s) { return s[7]; });
      indices.forEach(function (index) {
        var f = findings[index];
        notes.push(f.message);
        if (f.suggestion && f.message.indexOf(f.suggestion) < 0) { notes.push("suggestion: " + f.suggestion); }
      });
      mark.title = unique(notes.join("\n").split("\n")).join("\n");
      mark.tabIndex = 0;
      mark.setAttribute("data-findings", indices.join(" "));
      var first = function (n) { var c = cover.find(function (s) { return s[n]; }); return c ? c[n] : ""; };
      mark.setAttribute("data-concept", first(4));
      mark.setAttribute("data-status", first(5));
      mark.setAttribute("data-term", first(6));
      body.appendChild(mark);
    }
    p.appendChild(body);
    return p;
  }

  function unique(list) { return list.filter(function (x, i) { return x !== "" && list.indexOf(x) === i; }); }

  function rowFor(i) {
    var b = state.beads[i], cached = rowCache.get(b);
    if (cached) { cached.setAttribute("data-index", i); cached.id = "bead-" + i; return cached; }
    var d = derived[i], row = el("div", "bead kind-" + kindOf(b));
    row.id = "bead-" + i;
    row.setAttribute("data-index", i);
    row.setAttribute("role", "listitem");
    row.tabIndex = -1;
    d.marks.forEach(function (m) { row.classList.add(m[0]); });
    if (d.findings.length) { row.classList.add("has-findings", "sev-" + worstSeverity(d.findings)); }
    if (d.problem) { row.classList.add("problem"); }
    if (b.confirmed) { row.classList.add("confirmed"); }
    if (b.origin.length !== 1 || b.edited) { row.classList.add("edited"); }
    if (b === current) { row.classList.add("current"); }
    row.appendChild(el("div", "num", String(i + 1))).title = "bead " + (i + 1);
    if (bilingual) { row.appendChild(side("src", b.src, "(no source sentence)")); }
    row.appendChild(side("tgt", b.tgt, "(no target sentence)"));
    var kind = el("div", "kind");
    kind.appendChild(el("span", "kind-label", kindOf(b)));
    d.marks.forEach(function (m) { kind.appendChild(el("span", "badge badge-" + m[0], m[1])).title = m[2]; });
    if (b.confirmed) { kind.appendChild(el("span", "badge badge-confirmed", "confirmed")); }
    if (row.classList.contains("edited")) { kind.appendChild(el("span", "badge badge-edited", "edited")); }
    row.appendChild(kind);
    var conf = el("div", "conf", b.conf === null ? "—" : b.conf.toFixed(2));
    if (d.marks.some(function (m) { return m[0] === "low-confidence"; })) { conf.classList.add("low"); }
    conf.title = b.conf === null ? "edited by hand" : "score " + b.score.toFixed(4);
    row.appendChild(conf);
    if (d.findings.length) { row.appendChild(findingList(d.findings)); }
    rowCache.set(b, row);
    return row;
  }

  function side(name, ids, empty) {
    var cell = el("div", name);
    var lang = beadsEl.getAttribute(name === "src" ? "data-src-lang" : "data-tgt-lang");
    if (lang) { cell.lang = lang; }
    if (!ids.length) { cell.appendChild(el("p", "empty", empty)); }
    ids.forEach(function (id) { cell.appendChild(sentence(name, id)); });
    return cell;
  }

  var RANK = { info: 0, warning: 1, error: 2 };
  function worstSeverity(list) {
    var worst = "info";
    list.forEach(function (i) { if (RANK[findings[i].severity] > RANK[worst]) { worst = findings[i].severity; } });
    return worst;
  }

  // Accepting replaces the found text with the suggestion, so the finding's target span must be
  // that text (a missing term's span is its whole sentence: nothing to replace there).
  function acceptable(f) {
    if (!f.suggestion || !f.found || !f.target || f.target.end <= f.target.start) { return false; }
    var seg = view.tgt[f.target.segment];
    return Boolean(seg) && seg[0].slice(f.target.start, f.target.end) === f.found;
  }

  function findingList(list) {
    var ul = el("ul", "findings");
    list.forEach(function (index) {
      var f = findings[index], decision = decisionOf(index);
      var li = el("li", "finding sev-" + f.severity + " decision-" + decision);
      li.setAttribute("data-finding", index);
      li.setAttribute("dir", "auto");
      li.tabIndex = 0;
      li.appendChild(el("span", "sev-label sev-" + f.severity, f.severity));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("code", "", f.rule));
      li.appendChild(document.createTextNode(" " + f.message));
      if (f.suggestion) { li.appendChild(el("span", "suggestion", " → " + f.suggestion)); }
      var where = f.target || f.source;
      if (where) { li.appendChild(el("span", "where", " line " + where.line + ", column " + where.column)); }
      var box = el("span", "decide");
      if (decision !== "open") {
        var d = state.decisions[index];
        box.appendChild(el("span", "badge badge-" + decision, decision + (d.reason ? ": " + d.reason : "")));
      }
      [["accept", "accept", acceptable(f)], ["reject", "reject", true], ["open", "reopen", decision !== "open"]]
        .forEach(function (spec) {
          if (!spec[2]) { return; }
          var button = el("button", "decide-" + spec[0], spec[1]);
          button.type = "button";
          button.setAttribute("data-decide", spec[0]);
          box.appendChild(button);
        });
      li.appendChild(box);
      ul.appendChild(li);
    });
    return ul;
  }

  // ---- edits and decisions (every change goes through commit: undo, persistence, redraw) ----
  function commit(change, description) {
    undoStack.push({ beads: state.beads, decisions: state.decisions, edits: state.edits });
    redoStack = [];
    var next = { beads: state.beads.slice(), decisions: Object.assign({}, state.decisions),
      edits: state.edits.concat([description]) };
    if (change(next) === false) { undoStack.pop(); return false; }
    state = next;
    afterChange();
    return true;
  }

  function afterChange() {
    rowCache.clear();  // findings, marks and decisions of the rows may have changed
    derive();
    save();
    $("undo").disabled = !undoStack.length;
    $("redo").disabled = !redoStack.length;
    if (current && state.beads.indexOf(current) < 0) { current = null; }
    applyFilters();
    var row = current ? rowCache.get(current) : null;
    if (row && rowsEl.contains(row)) { row.focus({ preventScroll: true }); }
  }

  function joined(a, b, confirmed) {
    return { src: a.src.concat(b.src), tgt: a.tgt.concat(b.tgt), conf: null, score: 0,
      origin: a.origin.concat(b.origin), confirmed: confirmed, edited: true };
  }

  function merge(i, withNext) {
    var j = withNext ? i + 1 : i - 1;
    if (j < 0 || j >= state.beads.length) { return false; }
    var lo = Math.min(i, j);
    return commit(function (s) {
      var merged = joined(s.beads[lo], s.beads[lo + 1], false);
      s.beads.splice(lo, 2, merged);
      current = merged;
    }, { op: withNext ? "merge-next" : "merge-prev", bead: i });
  }

  // Move the first sentence of one side to the previous bead, or the last one to the next bead.
  function move(i, sideName, toNext) {
    var b = state.beads[i], ids = b[sideName];
    if (!ids.length) { return false; }
    return commit(function (s) {
      var moved = toNext ? ids[ids.length - 1] : ids[0];
      var rest = toNext ? ids.slice(0, -1) : ids.slice(1);
      var shrunk = Object.assign({}, b, { conf: null, edited: true, confirmed: false });
      shrunk[sideName] = rest;
      var j = toNext ? i + 1 : i - 1;
      var other = s.beads[j];
      var grown;
      if (other) {
        grown = Object.assign({}, other, { conf: null, edited: true, confirmed: false });
        grown[sideName] = toNext ? [moved].concat(other[sideName]) : other[sideName].concat([moved]);
      } else {
        grown = { src: [], tgt: [], conf: null, score: 0, origin: [], confirmed: false, edited: true };
        grown[sideName] = [moved];
      }
      var pair = toNext ? [shrunk, grown] : [grown, shrunk];
      var at = other ? Math.min(i, j) : i;
      s.beads.splice(at, other ? 2 : 1, pair[0], pair[1]);
      s.beads = s.beads.filter(function (x) { return x.src.length || x.tgt.length; });
      current = s.beads.indexOf(shrunk) >= 0 ? shrunk : grown;
    }, { op: "move", bead: i, side: sideName, to: toNext ? "next" : "previous" });
  }

  function confirmBead(i) {
    return commit(function (s) {
      var b = Object.assign({}, s.beads[i]);
      b.confirmed = !b.confirmed;
      s.beads[i] = b;
      current = b;
    }, { op: "confirm", bead: i });
  }

  function decide(index, decision) {
    var f = findings[index];
    if (decision === "accept" && !acceptable(f)) { return false; }
    var reason = "";
    if (decision === "reject") {
      reason = window.prompt("Why is this finding wrong? (optional; it goes into the ignore file)", "");
      if (reason === null) { return false; }
    }
    return commit(function (s) {
      if (decision === "open") { delete s.decisions[index]; }
      else { s.decisions[index] = { decision: decision === "accept" ? "accepted" : "rejected", reason: reason }; }
    }, { op: "decide", finding: index, decision: decision });
  }

  function undo() {
    if (!undoStack.length) { return; }
    redoStack.push(state);
    state = undoStack.pop();
    afterChange();
  }

  function redo() {
    if (!redoStack.length) { return; }
    undoStack.push(state);
    state = redoStack.pop();
    afterChange();
  }

  // ---- persistence and export ----
  function compactBeads() {
    return state.beads.map(function (b) {
      return { src: b.src, tgt: b.tgt, confirmed: b.confirmed, edited: Boolean(b.edited) };
    });
  }

  function decisionsDocument() {
    var list = Object.keys(state.decisions).map(Number).sort(function (a, b) { return a - b; })
      .map(function (index) {
        var f = findings[index], d = state.decisions[index];
        return { finding: index, rule: f.rule, concept: f.concept, text: f.found,
          suggestion: f.suggestion, decision: d.decision, reason: d.reason || null,
          target: f.target, source: f.source };
      });
    return { schema: "glossalign-decisions", schema_version: 1, content_hash: hash,
      report: { title: document.title, source: text("source-name"), target: text("target-name"),
        glossary_hash: report.glossary.hash, languages: report.languages },
      exported: new Date().toISOString(),
      alignment: { beads: compactBeads(), edits: state.edits }, findings: list };
  }

  function text(id) { var node = $(id); return node ? node.textContent : null; }

  function save() {
    try {
      window.localStorage.setItem(storeKey, JSON.stringify({ beads: compactBeads(),
        decisions: state.decisions, edits: state.edits }));
    } catch (e) { $("position").textContent = "cannot keep decisions in this browser: " + e.name; }
  }

  function load() {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(storeKey) || "null"); } catch (e) { saved = null; }
    if (!saved || !Array.isArray(saved.beads)) { return; }
    var byKey = new Map();
    original.forEach(function (b) { byKey.set(b.src.join(",") + "|" + b.tgt.join(","), b); });
    state = { beads: saved.beads.map(function (b) {
      var same = byKey.get(b.src.join(",") + "|" + b.tgt.join(","));
      if (same && !b.edited) { return b.confirmed ? Object.assign({}, same, { confirmed: true }) : same; }
      return { src: b.src, tgt: b.tgt, conf: null, score: 0, origin: [], confirmed: b.confirmed, edited: true };
    }), decisions: saved.decisions || {}, edits: saved.edits || [] };
  }

  function exportDecisions() {
    var body = JSON.stringify(decisionsDocument(), null, 1);
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    link.download = "decisions-" + hash.slice(0, 12) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    $("position").textContent = "exported " + Object.keys(state.decisions).length + " decisions";
  }

  // ---- filters, URL fragment, counts ----
  var controls = Array.prototype.slice.call(document.querySelectorAll(".filters [data-key]"));

  function readControls() {
    controls.forEach(function (c) {
      var key = c.getAttribute("data-key");
      filters[key] = c.type === "checkbox" ? (c.checked ? "1" : "") : c.value.trim();
    });
  }

  function writeControls() {
    controls.forEach(function (c) {
      var key = c.getAttribute("data-key"), value = filters[key] || "";
      if (c.type === "checkbox") { c.checked = Boolean(value); }
      else {
        if (c.tagName === "SELECT" && value && !Array.prototype.some.call(c.options, function (o) { return o.value === value; })) {
          c.appendChild(el("option", "", value)).value = value;
        }
        c.value = value;
      }
    });
  }

  var hashTimer = null;

  function writeHash() {  // soon, not on every key press: replaceState is not free
    if (hashTimer === null) { hashTimer = window.setTimeout(writeHashNow, 120); }
  }

  function writeHashNow() {
    if (hashTimer !== null) { window.clearTimeout(hashTimer); }
    hashTimer = null;
    var params = new URLSearchParams();
    Object.keys(filters).forEach(function (k) { if (filters[k]) { params.set(k, filters[k]); } });
    if (current && state.beads.indexOf(current) >= 0) { params.set("bead", state.beads.indexOf(current) + 1); }
    var fragment = params.toString();
    if (("#" + fragment) !== window.location.hash && !(fragment === "" && !window.location.hash)) {
      history.replaceState(null, "", fragment ? "#" + fragment : window.location.pathname + window.location.search);
    }
  }

  function readHash(fragment) {
    var params = new URLSearchParams((fragment || "").replace(/^#/, ""));
    Object.keys(filters).forEach(function (k) { filters[k] = params.get(k) || ""; });
    return params.get("bead");
  }

  function updateCounts() {
    var count = 0;
    shown.forEach(function (i) { count += derived[i].findings.length; });
    $("counts").textContent = shown.length + " of " + state.beads.length + " beads, " + count + " findings shown";
    document.body.classList.toggle("filtered", shown.length !== state.beads.length);
  }

  function setFilters(fragment) {
    readHash(fragment);
    writeControls();
    applyFilters();
    window.scrollTo(0, Math.min(window.scrollY, beadsEl.getBoundingClientRect().top + window.scrollY));
  }

  // ---- navigation ----
  function focusShown(k) {
    if (k < 0 || k >= shown.length) { return; }
    var b = state.beads[shown[k]];
    if (current) { var old = rowCache.get(current); if (old) { old.classList.remove("current"); } }
    current = b;
    var listTop = beadsEl.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, listTop + offsets[k] - window.innerHeight / 3);
    render();
    var row = rowCache.get(b);
    row.classList.add("current");
    row.focus({ preventScroll: true });
    var problems = 0, rank = 0;
    shown.forEach(function (i, n) { if (derived[i].problem) { problems++; if (n <= k) { rank++; } } });
    $("position").textContent = (derived[shown[k]].problem ? "problem " + rank + " of " + problems : "bead") +
      " (bead " + (shown[k] + 1) + ")";
    writeHash();
    drawMinimap();
  }

  function currentShown() {
    var index = current ? state.beads.indexOf(current) : -1;
    return index < 0 ? -1 : shown.indexOf(index);
  }

  function moveProblem(step) {
    var here = currentShown(), n = shown.length;
    for (var t = 1; t <= n; t++) {
      var k = here < 0 ? (step > 0 ? t - 1 : n - t) : (((here + step * t) % n) + n) % n;
      if (derived[shown[k]].problem) { focusShown(k); return; }
    }
    $("position").textContent = "no problems";
  }

  function moveBead(step) {
    var here = currentShown();
    focusShown(here < 0 ? 0 : Math.max(0, Math.min(shown.length - 1, here + step)));
  }

  // ---- minimap: every shown bead with a problem, coloured by severity, plus the window ----
  var problemLayer = document.createElement("canvas");

  function paintProblems() {  // after each filter change; key presses only move the marker
    var height = Math.max(50, window.innerHeight);
    problemLayer.width = minimap.width;
    problemLayer.height = height;
    var ctx = problemLayer.getContext("2d"), n = shown.length || 1;
    var colours = ["", "#b08800", "#0b4f9c", "#8a4600", "#b3001b"];  // mark, info, warning, error
    var level = { info: 2, warning: 3, error: 4 };
    // One rectangle per pixel row (the worst problem there), not one per bead: thousands of
    // beads share a row of the strip.
    var worst = new Uint8Array(height), span = Math.max(1, Math.ceil(height / n));
    shown.forEach(function (i, k) {
      var d = derived[i];
      if (!d.problem) { return; }
      var value = d.findings.length ? level[worstSeverity(d.findings)] : 1;
      var y = Math.floor(k / n * height);
      for (var p = y; p < Math.min(height, y + span); p++) { if (value > worst[p]) { worst[p] = value; } }
    });
    for (var y = 0; y < height; y++) {
      if (!worst[y]) { continue; }
      ctx.fillStyle = colours[worst[y]];
      ctx.fillRect(0, y, minimap.width, 1);
    }
  }

  function drawMinimap() {
    var height = problemLayer.height, ctx = minimap.getContext("2d");
    if (minimap.height !== height) { minimap.height = height; }
    ctx.clearRect(0, 0, minimap.width, height);
    ctx.drawImage(problemLayer, 0, 0);
    var here = currentShown(), n = shown.length || 1;
    if (here >= 0) {
      ctx.fillStyle = "#0b57d0";
      ctx.fillRect(0, Math.floor(here / n * height) - 1, minimap.width, 3);
    }
  }

  minimap.addEventListener("click", function (event) {
    var rect = minimap.getBoundingClientRect();
    focusShown(Math.floor((event.clientY - rect.top) / rect.height * shown.length));
  });

  // ---- details panel (docked beside the text, never over it) ----
  function addEntry(pairs) {
    var entry = el("div", "entry"), dl = el("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
      dl.appendChild(el("dt", "", pair[0]));
      var dd = el("dd", "", String(pair[1]));
      dd.setAttribute("dir", "auto");
      dl.appendChild(dd);
    });
    entry.appendChild(dl);
    detailsBody.appendChild(entry);
  }

  function place(loc) { return loc ? "line " + loc.line + ", column " + loc.column : null; }

  function showDetails(target) {
    detailsBody.textContent = "";
    (target.getAttribute("data-findings") || target.getAttribute("data-finding") || "")
      .split(" ").filter(function (s) { return s !== ""; }).forEach(function (i) {
        var f = findings[Number(i)];
        if (!f) { return; }
        addEntry([["rule", f.rule], ["severity", f.severity], ["message", f.message],
          ["concept", f.concept], ["found", f.found], ["suggestion", f.suggestion],
          ["decision", decisionOf(Number(i))], ["target", place(f.target)], ["source", place(f.source)]]);
      });
    if (target.tagName === "MARK" && target.getAttribute("data-concept")) {
      addEntry([["text", target.textContent], ["glossary term", target.getAttribute("data-term")],
        ["status", target.getAttribute("data-status")], ["concept", target.getAttribute("data-concept")]]);
    }
    details.hidden = false;
    document.body.classList.add("details-open");
  }

  function closeDetails() {
    details.hidden = true;
    document.body.classList.remove("details-open");
  }

  // ---- events ----
  function beadIndexOf(node) {
    var row = node && node.closest ? node.closest(".bead") : null;
    return row ? Number(row.getAttribute("data-index")) : (current ? state.beads.indexOf(current) : -1);
  }

  function firstFinding(i, decision) {
    if (i < 0) { return -1; }
    var list = derived[i].findings.filter(function (index) {
      if (decision === "accept") { return acceptable(findings[index]) && decisionOf(index) === "open"; }
      if (decision === "reject") { return decisionOf(index) === "open"; }
      return decisionOf(index) !== "open";
    });
    return list.length ? list[0] : -1;
  }

  document.addEventListener("click", function (event) {
    var t = event.target, filterLink = t.closest ? t.closest("[data-filter]") : null;
    if (filterLink && filterLink.closest("#summary")) {
      event.preventDefault();
      setFilters(filterLink.getAttribute("data-filter"));
      return;
    }
    var button = t.closest ? t.closest("button[data-edit], button[data-decide]") : null;
    if (button) {
      var i = beadIndexOf(button);
      var edit = button.getAttribute("data-edit");
      if (edit && i < 0) { $("position").textContent = "click a bead first, then edit it"; return; }
      current = state.beads[i];
      if (edit === "merge-next") { merge(i, true); }
      else if (edit === "merge-prev") { merge(i, false); }
      else if (edit === "confirm") { confirmBead(i); }
      else if (edit) {  // move-src-prev, move-tgt-next, ...
        var parts = edit.split("-");
        move(i, parts[1], parts[2] === "next");
      } else {
        decide(Number(button.closest("li.finding").getAttribute("data-finding")), button.getAttribute("data-decide"));
      }
      return;
    }
    var shownEl = t.closest ? t.closest("mark[data-findings], li.finding") : null;
    if (shownEl && !shownEl.closest(".legend")) { showDetails(shownEl); }
    var row = t.closest ? t.closest(".bead") : null;
    if (row) { var k = shown.indexOf(Number(row.getAttribute("data-index"))); if (k >= 0 && state.beads[shown[k]] !== current) { current = state.beads[shown[k]]; writeHash(); } }
  });

  controls.forEach(function (c) {
    c.addEventListener(c.type === "search" ? "input" : "change", function () { readControls(); applyFilters(); });
  });
  $("clear-filters").addEventListener("click", function () { setFilters(""); });
  $("next-problem").addEventListener("click", function () { moveProblem(1); });
  $("prev-problem").addEventListener("click", function () { moveProblem(-1); });
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("export").addEventListener("click", exportDecisions);
  $("details-close").addEventListener("click", closeDetails);

  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; render(); });
  }, { passive: true });
  window.addEventListener("resize", function () { render(); paintProblems(); drawMinimap(); });
  window.addEventListener("hashchange", function () { setFilters(window.location.hash); });
  // Printing shows every filtered bead, not only the window on screen.
  window.addEventListener("beforeprint", function () { renderAllMode = true; render(); });
  window.addEventListener("afterprint", function () { renderAllMode = false; render(); });

  var KEYS = {
    j: function () { moveProblem(1); }, n: function () { moveProblem(1); },
    k: function () { moveProblem(-1); }, p: function () { moveProblem(-1); },
    ArrowDown: function () { moveBead(1); }, ArrowUp: function () { moveBead(-1); },
    m: function (i) { merge(i, true); }, M: function (i) { merge(i, false); },
    "[": function (i) { move(i, "src", false); }, "]": function (i) { move(i, "src", true); },
    "{": function (i) { move(i, "tgt", false); }, "}": function (i) { move(i, "tgt", true); },
    c: function (i) { if (i >= 0) { confirmBead(i); } },
    a: function (i) { var f = firstFinding(i, "accept"); if (f >= 0) { decide(f, "accept"); } },
    x: function (i) { var f = firstFinding(i, "reject"); if (f >= 0) { decide(f, "reject"); } },
    o: function (i) { var f = firstFinding(i, "open"); if (f >= 0) { decide(f, "open"); } },
    u: undo, r: redo, e: exportDecisions,
    "/": function () { $("f-search").focus(); },
    Escape: closeDetails,
  };

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (t.matches && t.matches("input, textarea, select")) {  // typing: the field's own keys
      if (event.key === "Escape") { t.blur(); }
      return;
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey) {
      if (event.key === "z") { undo(); event.preventDefault(); }
      else if (event.key === "y" || event.key === "Z") { redo(); event.preventDefault(); }
      return;
    }
    if (event.altKey) { return; }
    if (event.key === "Enter" && t.matches && t.matches("mark, li.finding")) {
      showDetails(t);
      event.preventDefault();
      return;
    }
    var action = KEYS[event.key];
    if (!action) { return; }
    var i = current ? state.beads.indexOf(current) : -1;
    if (t.closest && t.closest(".bead")) { i = beadIndexOf(t); }
    if ("mM[]{}".indexOf(event.key) >= 0 && i < 0) { return; }
    action(i);
    event.preventDefault();
  });

  // ---- start ----
  load();
  derive();
  var startBead = readHash(window.location.hash);
  writeControls();
  $("undo").disabled = true;
  $("redo").disabled = true;
  applyFilters();
  if (startBead) {
    var k = shown.indexOf(Number(startBead) - 1);
    if (k >= 0) { focusShown(k); }
  }
  window.glossalignReport = { decisions: decisionsDocument, storeKey: storeKey,
    shown: function () { return shown.slice(); } };
  window.__reportReady = window.performance.now();
})();

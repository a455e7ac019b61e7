// glossalign alignment report: problem filter, keyboard navigation and the details panel.
// Text from the report is only ever written with textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var beads = Array.prototype.slice.call(document.querySelectorAll("tbody.bead"));
  var filter = document.getElementById("only-problems");
  var position = document.getElementById("position");
  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  var current = -1;

  function isVisible(el) { return el.getClientRects().length > 0; }

  function problems() {
    return beads.filter(function (b) { return b.classList.contains("problem"); });
  }

  function focusBead(bead) {
    beads.forEach(function (b) { b.classList.remove("current"); });
    bead.classList.add("current");
    current = beads.indexOf(bead);
    bead.scrollIntoView({ block: "center" });
    bead.focus({ preventScroll: true });
    var list = problems();
    position.textContent = "problem " + (list.indexOf(bead) + 1) + " of " + list.length +
      " (bead " + bead.getAttribute("data-bead") + ")";
  }

  function currentIndex() {
    var active = document.activeElement;
    var bead = active && active.closest ? active.closest("tbody.bead") : null;
    return bead ? beads.indexOf(bead) : current;
  }

  function move(step) {
    var list = problems().filter(isVisible);
    if (!list.length) { position.textContent = "no problems"; return; }
    var here = currentIndex();
    var next;
    if (step > 0) {
      next = list.find(function (b) { return beads.indexOf(b) > here; }) || list[0];
    } else {
      var before = list.filter(function (b) { return beads.indexOf(b) < here; });
      next = before.length && here >= 0 ? before[before.length - 1] : list[list.length - 1];
    }
    focusBead(next);
  }

  function applyFilter() {
    document.body.classList.toggle("only-problems", filter.checked);
  }

  function addEntry(pairs) {
    var entry = document.createElement("div");
    entry.className = "entry";
    var dl = document.createElement("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
      var dt = document.createElement("dt");
      dt.textContent = pair[0];
      var dd = document.createElement("dd");
      dd.textContent = String(pair[1]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    entry.appendChild(dl);
    detailsBody.appendChild(entry);
  }

  function place(loc) {
    return loc ? "line " + loc.line + ", column " + loc.column : null;
  }

  function showFinding(index) {
    var f = data.findings[index];
    if (!f) { return; }
    addEntry([["rule", f.rule], ["severity", f.severity], ["message", f.message],
      ["concept", f.concept], ["found", f.found], ["suggestion", f.suggestion],
      ["bead", f.bead], ["target", place(f.target)], ["source", place(f.source)]]);
  }

  function showDetails(el) {
    detailsBody.textContent = "";
    var indices = (el.getAttribute("data-findings") || el.getAttribute("data-finding") || "")
      .split(" ").filter(function (s) { return s !== ""; });
    indices.forEach(function (i) { showFinding(Number(i)); });
    if (el.tagName === "MARK" && el.getAttribute("data-concept")) {
      addEntry([["text", el.textContent], ["glossary term", el.getAttribute("data-term")],
        ["status", el.getAttribute("data-status")],
        ["concept", el.getAttribute("data-concept")]]);
    }
    details.hidden = false;
  }

  filter.addEventListener("change", applyFilter);
  applyFilter();
  document.getElementById("next-problem").addEventListener("click", function () { move(1); });
  document.getElementById("prev-problem").addEventListener("click", function () { move(-1); });
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true;
  });

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("mark[data-findings], li.finding") : null;
    if (el && !el.closest(".legend")) { showDetails(el); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target.matches && target.matches("input[type=text], input[type=search], textarea, select")) {
      return;
    }
    var key = event.key;
    if (key === "j" || key === "n") { move(1); event.preventDefault(); }
    else if (key === "k" || key === "p") { move(-1); event.preventDefault(); }
    else if (key === "Escape") { details.hidden = true; }
    else if (key === "Enter" && target.matches && target.matches("mark, li.finding")) {
      showDetails(target);
      event.preventDefault();
    }
  });
})();

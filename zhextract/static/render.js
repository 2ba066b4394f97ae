// zhextract review page: type toggles and claim-table <-> highlight links. Inlined; no network.
(function () {
  "use strict";
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });
  function marksOf(row) {
    return document.querySelectorAll('mark[data-mid="' + row.dataset.mid + '"]');
  }
  document.querySelectorAll("tr[data-mid]").forEach(function (row) {
    row.addEventListener("mouseenter", function () {
      marksOf(row).forEach(function (m) { m.classList.add("focus"); });
    });
    row.addEventListener("mouseleave", function () {
      marksOf(row).forEach(function (m) { m.classList.remove("focus"); });
    });
    row.addEventListener("click", function () {
      var first = marksOf(row)[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
    });
  });
  document.body.dataset.ready = "1";
})();

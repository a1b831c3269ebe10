// testimonia web reader: links in the panel highlight the spans they name in the text.
(function () {
  "use strict";
  var clearBtn = null;

  function clear() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    if (clearBtn) clearBtn.hidden = true;
  }

  function highlight(elements) {
    clear();
    var first = null;
    elements.forEach(function (el) {
      el.classList.add("hl");
      if (!first) first = el;
    });
    if (first) {
      first.scrollIntoView({ behavior: "smooth", block: "center" });
      if (clearBtn) clearBtn.hidden = false;
    }
  }

  function bySpanKeys(keys) {
    var out = [];
    keys.split(/\s+/).forEach(function (k) {
      if (!/^s\d+-\d+$/.test(k)) return;
      document.querySelectorAll('[data-k="' + k + '"]').forEach(function (el) { out.push(el); });
    });
    return out;
  }

  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    var all = { "all-quotes": ".text .q", "all-people": ".text .m", "all-claims": ".text .claim-span",
                "all-notes": ".text .nm" };
    if (all[h]) { highlight(Array.from(document.querySelectorAll(all[h]))); return; }
    if (h.indexOf("quote-") === 0) {
      var id = h.slice(6);
      highlight(Array.from(document.querySelectorAll(".text .q")).filter(function (el) {
        return el.getAttribute("data-q") === id;
      }));
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    clearBtn = document.querySelector("button.clear");
    if (clearBtn) clearBtn.addEventListener("click", clear);
    document.addEventListener("click", function (ev) {
      var link = ev.target.closest("a.sl");
      if (link) {
        ev.preventDefault();
        highlight(bySpanKeys(link.getAttribute("data-spans") || ""));
        return;
      }
      var all = ev.target.closest("a.all");
      if (all) {
        ev.preventDefault();
        highlight(Array.from(document.querySelectorAll(".text ." + all.getAttribute("data-all"))));
        return;
      }
      var person = ev.target.closest("button.person");
      if (person) {
        var pid = person.getAttribute("data-person");
        highlight(Array.from(document.querySelectorAll(".text .m")).filter(function (el) {
          return el.getAttribute("data-p") === pid;
        }));
      }
    });
    window.addEventListener("hashchange", fromHash);
    if (location.hash) fromHash();
  });
})();

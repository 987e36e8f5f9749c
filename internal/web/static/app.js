// jiaoyan page behaviour. No inline scripts (the CSP forbids them): pages
// declare what they need with data-* attributes.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var t = e.target.closest("[data-toggle]");
    if (t) { document.getElementById(t.dataset.toggle).classList.toggle("open"); return; }
    var add = e.target.closest("[data-pick-id]");
    if (add) { e.preventDefault(); addChip(add); return; }
    var rm = e.target.closest("[data-chip-remove]");
    if (rm) { e.preventDefault(); rm.parentElement.remove(); return; }
    var c = e.target.closest("[data-confirm]");
    if (c && !window.confirm(c.dataset.confirm)) { e.preventDefault(); }
  });

  // A person picker: clicking a search result adds a chip with a hidden
  // input named after the picker's data-name.
  function addChip(btn) {
    var box = document.getElementById(btn.dataset.target);
    if (!box) return;
    var single = box.dataset.single === "1";
    if (single) box.innerHTML = "";
    if (box.querySelector('input[value="' + btn.dataset.pickId + '"]')) return;
    var chip = document.createElement("span");
    chip.className = "chip";
    chip.textContent = btn.dataset.pickName;
    var input = document.createElement("input");
    input.type = "hidden"; input.name = box.dataset.name; input.value = btn.dataset.pickId;
    var x = document.createElement("button");
    x.type = "button"; x.textContent = "×"; x.setAttribute("data-chip-remove", "1"); x.setAttribute("aria-label", "移除");
    chip.appendChild(input); chip.appendChild(x); box.appendChild(chip);
  }

  // A live search field ([data-no-enter]) answers as you type; Enter in it
  // must not submit the form around it.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.matches && e.target.matches("[data-no-enter]")) { e.preventDefault(); }
  });

  // Charts: <div class="chart" data-chart='{"type":"bar","names":[...],"values":[...]}'>
  function drawCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = JSON.parse(el.dataset.chart);
      var chart = window.echarts.init(el);
      if (spec.option) { // a full ECharts option (box plots, scatter, radar)
        chart.setOption(spec.option);
        el.dataset.ready = "1";
        window.addEventListener("resize", function () { chart.resize(); });
        return;
      }
      chart.setOption({
        title: { text: spec.title || "", left: "center", textStyle: { fontSize: 14 } },
        // containLabel keeps the axis labels inside the chart: on a phone
        // long category names are rotated and the plot shrinks to fit them.
        tooltip: {}, grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
        xAxis: { type: "category", data: spec.names, axisLabel: { interval: 0, rotate: rotation(el, spec.names),
          width: 90, overflow: "truncate" } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: spec.type || "bar", data: spec.values, itemStyle: { color: "#1f5fa8" }, label: { show: true, position: "top" } }]
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  // rotation turns category labels when they would not fit side by side.
  function rotation(el, names) {
    var chars = names.reduce(function (n, s) { return n + String(s).length; }, 0);
    return chars * 14 > el.clientWidth - 40 ? 40 : 0;
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (e) { drawCharts(e.target); });
})();

/* Version switcher for the multi-version site (make site). Reads _static/versions.json, written by
   analysis.sphinx_ext only in site builds, and links the same page in each released version. */
function amloVersionSwitcher() {
  var root = document.documentElement.getAttribute("data-content_root") || "./";
  fetch(root + "_static/versions.json").then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
    if (!data || !data.versions) { return; }
    // This page's path inside its version folder, e.g. "chapters/trade.html".
    var marker = "/" + data.current + "/";
    var path = window.location.pathname;
    var at = path.lastIndexOf(marker);
    var page = at >= 0 ? path.slice(at + marker.length) : "index.html";
    var box = document.createElement("div");
    box.className = "amlo-version-switcher";
    var label = document.createElement("label");
    label.textContent = "Version ";
    var select = document.createElement("select");
    select.setAttribute("aria-label", "Book version");
    data.versions.forEach(function (v) {
      var option = document.createElement("option");
      option.value = root + "../" + v.path + "/" + page;
      option.textContent = v.name;
      if (v.name === data.current) { option.selected = true; }
      select.appendChild(option);
    });
    select.addEventListener("change", function () { window.location.href = select.value; });
    label.appendChild(select);
    box.appendChild(label);
    var target = document.querySelector(".bd-sidebar-primary .sidebar-primary-items__start") || document.body;
    target.insertBefore(box, target.firstChild);
  });
}
// The script is loaded in <head>: wait for the sidebar to exist.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", amloVersionSwitcher);
} else {
  amloVersionSwitcher();
}

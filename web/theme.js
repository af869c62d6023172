// chanlab's theme, before the page paints: a link's ?theme=light or
// ?theme=dark puts data-theme on <html>, which picks chanlab.css's palette;
// without one the stylesheet follows the system (prefers-color-scheme).
// It runs in <head>, before the pre-rendered page shows, so the page never
// flashes the other palette while app.wasm loads; the app keeps data-theme
// up to date afterwards (app/theme.go).
(function () {
  "use strict";
  var theme = (new URLSearchParams(location.search).get("theme") || "").trim().toLowerCase();
  if (theme === "light" || theme === "dark") {
    document.documentElement.setAttribute("data-theme", theme);
  }
})();

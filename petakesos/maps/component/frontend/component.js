/* Streamlit side of the Peta Kesos map (component protocol v1 by postMessage, no build step).
 * One Leaflet map lives as long as this iframe (one per widget key). A render with the same geometry
 * key only restyles the polygons from the values payload: no decode, no refit. A click on a polygon
 * sends {kode, n} back (n counts clicks, so the same desa clicked twice is a new value).
 */
(function () {
  "use strict";
  var el = document.getElementById("map");
  var E = null, drawKey = null, valText = null, optText = null, height = 0, clicks = 0, tiles = null;
  var unfitted = false;  // drawn while the iframe had no width: fit again once it has one

  function send(type, data) {
    var msg = { isStreamlitMessage: true, type: type };
    for (var k in data) msg[k] = data[k];
    window.parent.postMessage(msg, "*");
  }
  function clicked(kode) {
    clicks += 1;
    send("streamlit:setComponentValue", { value: { kode: kode, n: clicks, t: Date.now() }, dataType: "json" });
  }
  // Presentation mode: the map fills the browser window from its own top down (the iframe is served from
  // the app's origin, so the page's window can be read); otherwise the height the page asked for.
  function fillHeight(asked) {
    try {
      var top = window.frameElement.getBoundingClientRect().top + window.parent.scrollY;
      return Math.max(320, Math.floor(window.parent.innerHeight - top - 8));
    } catch (e) { return asked; }
  }
  var fill = false, asked = 620;
  function resize() { setHeight(fill ? fillHeight(asked) : asked); }
  try { window.parent.addEventListener("resize", resize); } catch (e) { /* another origin: fixed height */ }
  function setHeight(h) {
    if (h === height) return;
    height = h;
    el.style.height = h + "px";
    send("streamlit:setFrameHeight", { height: h });
    if (E) E.map.invalidateSize();
    // A projector's screen is the whole point of presentation mode: frame the map again for it.
    if (E && fill && E.geo && E.geo.b) E.fit();
  }
  function basemap(on) {
    if (on && !tiles) {
      tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" }).addTo(E.map);
    } else if (!on && tiles) {
      E.map.removeLayer(tiles); tiles = null;
    }
  }

  function render(a) {
    asked = a.height || 620;
    fill = !!(a.options && a.options.fill);
    resize();
    // The page may still be laying out above the map: measure again once it has settled.
    if (fill) { setTimeout(resize, 300); setTimeout(resize, 1200); }
    var opt = a.options, ot = JSON.stringify(opt), changed = false;
    if (!E) {
      var map = L.map(el, { zoomControl: false, attributionControl: !!opt.basemap, zoomSnap: 0.25, preferCanvas: true });
      E = PetaKesosMap.create(map, opt);
      E.onclick = clicked;
      (window.PETAKESOS = window.PETAKESOS || {})[opt.name] = E;
    } else if (ot !== optText) {
      E.setOptions(opt);
      changed = true;
    }
    optText = ot;
    basemap(!!opt.basemap);
    // Line widths and opacity are set when the polygons are made, so they belong to the draw key.
    var dk = [a.geo_key, opt.weight, opt.outline_weight, opt.fill_opacity, opt.stroke].join("|");
    if (dk !== drawKey) {
      var t0 = performance.now(), G = JSON.parse(a.geo), O = a.outline ? JSON.parse(a.outline) : null;
      var t1 = performance.now();
      E.draw(G, O, JSON.parse(a.values), true);
      unfitted = el.clientWidth === 0;
      // Where the time goes, for petakesos.bench.peta: render message, JSON parse, decode + draw calls.
      window.__pkTimes = { render: t0, parsed: t1, drawn: performance.now() };
      drawKey = dk; valText = a.values; changed = true;
    } else if (a.values !== valText) {
      E.restyle(JSON.parse(a.values));
      valText = a.values; changed = true;
    }
    if (changed) PetaKesosMap.markDrawn();
  }

  // A map drawn while its iframe had no width (a hidden tab, a column still being laid out) fits its
  // bounds again once it gets a size.
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (!E) return;
      E.map.invalidateSize();
      if (unfitted && el.clientWidth > 0 && E.geo && E.geo.b) { E.fit(); unfitted = false; }
    }).observe(el);
  }

  window.addEventListener("message", function (ev) {
    if (!ev.data || ev.data.type !== "streamlit:render") return;
    if (!window.L || !window.PetaKesosMap) {
      el.textContent = "Peta tidak dapat dimuat: berkas Leaflet (/app/static/leaflet) tidak ditemukan.";
      return;
    }
    render(ev.data.args || {});
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();

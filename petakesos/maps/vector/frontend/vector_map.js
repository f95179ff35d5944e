/* Peta Nasional: every desa of the boundary store as vector tiles (PMTiles, MapLibre GL), no build step.
 * Streamlit component protocol v1 by postMessage. The map and its tile source live as long as this iframe;
 * a render with the same tiles only sets each desa's class as feature state (no tile is loaded again).
 * Arguments: tiles / index (URLs under /app/static), bounds, height, classes (one character per desa in
 * the index's code order: '0'-'9' a class, anything else no colour), values (one token per desa, ','
 * separated: a number, 'm' for a masked small count, '' for no data), colors, legend, texts.
 * A click on a desa sends back its code (a string) and nothing else.
 */
(function () {
  "use strict";
  var el = document.getElementById("map");
  var legendEl = document.getElementById("legend"), tipEl = document.getElementById("tip");
  var noteEl = document.getElementById("note");
  var map = null, tilesUrl = null, ids = null, pos = null, prev = null, args = null, values = [];
  var height = 0, styleText = null, loaded = false, pending = null;
  var S = (window.PETAKESOS_NATIONAL = { restyles: 0, t_script: performance.now() });

  function send(type, data) {
    var msg = { isStreamlitMessage: true, type: type };
    for (var k in data) msg[k] = data[k];
    window.parent.postMessage(msg, "*");
  }
  function note(text) { noteEl.textContent = text; noteEl.hidden = !text; }

  // Indonesian number format (1.234,56), as petakesos.fmt writes it.
  function idNumber(x, decimals) {
    var s = Number(x).toFixed(decimals), parts = s.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return parts.join(",");
  }
  function valueText(i) {
    var t = i === undefined ? "" : values[i];
    if (t === "m") return args.texts.masked;
    if (t === undefined || t === "") return args.texts.no_data;
    return idNumber(parseFloat(t), args.decimals);
  }

  function fillColor(colors, noData) {
    var expr = ["match", ["coalesce", ["feature-state", "c"], -1]];
    colors.forEach(function (c, i) { expr.push(i, c); });
    expr.push(noData);
    return expr.length > 3 ? expr : noData;
  }

  function style(url, a) {
    var line = function (id, layer, color, w0, w1, minzoom) {
      var l = { id: id, type: "line", source: "pk", "source-layer": layer,
        paint: { "line-color": color, "line-width": ["interpolate", ["linear"], ["zoom"], 4, w0, 11, w1] } };
      if (minzoom) l.minzoom = minzoom;
      return l;
    };
    return {
      version: 8,
      sources: { pk: { type: "vector", url: "pmtiles://" + url } },
      layers: [
        { id: "latar", type: "background", paint: { "background-color": "#eef2f5" } },
        { id: "desa", type: "fill", source: "pk", "source-layer": "desa",
          paint: { "fill-color": fillColor(a.colors, a.no_data_color), "fill-antialias": false } },
        line("desa-garis", "desa", "rgba(80, 80, 80, 0.45)", 0.2, 0.6, 8),
        line("kab-garis", "kab", "#555555", 0.3, 1.4),
        line("prov-garis", "prov", "#222222", 0.7, 2.2),
        { id: "desa-sorot", type: "line", source: "pk", "source-layer": "desa", filter: ["==", ["id"], -1],
          paint: { "line-color": "#000000", "line-width": 2 } },
      ],
    };
  }

  function create(a) {
    var url = new URL(a.tiles, window.location.href).href;
    var protocol = new pmtiles.Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
    var b = a.bounds;
    map = new maplibregl.Map({
      container: el, style: style(url, a), bounds: [[b[0], b[1]], [b[2], b[3]]],
      fitBoundsOptions: { padding: 12 }, attributionControl: false, dragRotate: false, pitchWithRotate: false,
      maxZoom: 14,
    });
    map.touchZoomRotate.disableRotation();
    map.on("movestart", function (e) { if (e.originalEvent) moved = true; });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    S.map = map;
    // Classes are set as soon as the source exists, before its tiles arrive: each tile then loads with
    // its desa's state once, instead of being drawn grey and updated again.
    map.on("styledata", function () {
      if (!loaded && map.getSource("pk")) { loaded = true; S.loadAt = performance.now(); ready(); }
    });
    map.on("mousemove", "desa", function (e) {
      var f = e.features && e.features[0];
      if (!f) return;
      map.getCanvas().style.cursor = "pointer";
      map.setFilter("desa-sorot", ["==", ["id"], f.id]);
      tipEl.textContent = "";
      var name = document.createElement("b");
      name.textContent = f.properties.nama || f.properties.kode;  // text, never HTML
      tipEl.appendChild(name);
      tipEl.appendChild(document.createElement("br"));
      tipEl.appendChild(document.createTextNode(args.texts.value_label + ": " + valueText(pos && pos.get(f.id))));
      tipEl.style.left = Math.min(e.point.x + 12, el.clientWidth - 220) + "px";
      tipEl.style.top = e.point.y + 12 + "px";
      tipEl.hidden = false;
    });
    map.on("mouseleave", "desa", function () {
      map.getCanvas().style.cursor = "";
      map.setFilter("desa-sorot", ["==", ["id"], -1]);
      tipEl.hidden = true;
    });
    map.on("click", "desa", function (e) {
      var f = e.features && e.features[0];
      if (!f || !f.properties.kode) return;
      S.clicked = f.properties.kode;
      send("streamlit:setComponentValue", { value: String(f.properties.kode), dataType: "json" });
    });
  }

  function loadIndex(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (ix) {
      var out = new Array(ix.delta.length), acc = 0;
      for (var i = 0; i < ix.delta.length; i++) { acc += ix.delta[i]; out[i] = acc; }
      return out;
    });
  }

  // Set each desa's class where it changed: a restyle is feature state only, the tiles stay.
  function apply(a) {
    pending = null;
    var t0 = a.__t0;
    // A new colour list changes a data-driven paint property, which makes MapLibre parse its tiles again:
    // only when the number of classes changes, never on a category or period change with the same classes.
    var st = JSON.stringify([a.colors, a.no_data_color]);
    if (st !== styleText) { map.setPaintProperty("desa", "fill-color", fillColor(a.colors, a.no_data_color)); styleText = st; }
    var cls = a.classes, n = ids.length;
    for (var i = 0; i < n; i++) {
      var ch = i < cls.length ? cls.charCodeAt(i) - 48 : -1;
      var c = ch >= 0 && ch <= 9 ? ch : -1;
      if (prev[i] !== c && !(prev[i] === -2 && c === -1)) {  // no state yet already means no colour
        map.setFeatureState({ source: "pk", sourceLayer: "desa", id: ids[i] }, { c: c });
        prev[i] = c;
      }
    }
    S.t_applied = performance.now();
    values = a.values ? a.values.split(",") : [];
    legend(a);
    S.args = a;  // what tests and the benchmark read: the classes and tokens as received
    S.ids = ids;
    map.once("idle", function () {
      var ms = performance.now() - t0;
      S.restyles += 1;
      S.last = { ms: ms, classes: cls.length };
      if (S.firstMs === undefined) S.firstMs = ms;
      S.drawnAt = performance.now();
    });
    map.triggerRepaint();
  }

  function legend(a) {
    legendEl.textContent = "";
    var title = document.createElement("div");
    title.className = "pkv-title";
    title.textContent = a.legend_title;
    legendEl.appendChild(title);
    a.legend.forEach(function (row) {
      var r = document.createElement("div"), sw = document.createElement("span"), t = document.createElement("span");
      r.className = "pkv-row"; sw.className = "pkv-swatch"; sw.style.background = row.color;
      t.textContent = row.label;
      r.appendChild(sw); r.appendChild(t); legendEl.appendChild(r);
    });
    legendEl.hidden = false;
  }

  function setHeight(h) {
    if (h === height) return;
    height = h;
    el.style.height = h + "px";
    send("streamlit:setFrameHeight", { height: h });
    if (map) map.resize();
  }

  function render(a) {
    a.__t0 = performance.now();
    args = a;
    setHeight(a.height || 620);
    if (!window.maplibregl || !window.pmtiles) {
      note("Peta tidak dapat dimuat: berkas MapLibre/pmtiles di /app/static tidak ditemukan (jalankan setup).");
      return;
    }
    if (a.tiles !== tilesUrl) {
      if (map) { map.remove(); map = null; loaded = false; }
      tilesUrl = a.tiles; ids = null; styleText = JSON.stringify([a.colors, a.no_data_color]);
      create(a);
      loadIndex(a.index).then(function (list) {
        ids = list; pos = new Map(); prev = new Int8Array(list.length).fill(-2);
        for (var i = 0; i < list.length; i++) pos.set(list[i], i);
        ready();
      }).catch(function () { note("Indeks ubin peta tidak dapat dibaca: jalankan `python -m petakesos setup`."); });
    }
    pending = a;
    ready();
  }
  function ready() { if (loaded && ids && pending) apply(pending); }

  window.addEventListener("message", function (ev) {
    if (!ev.data || ev.data.type !== "streamlit:render") return;
    render(ev.data.args || {});
  });
  // Until the person moves the map, keep all desa in view while the iframe gets its final size.
  var moved = false;
  function refit() {
    if (!map || moved || !args) return;
    var b = args.bounds;
    map.resize();
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 12, animate: false });
  }
  if (window.ResizeObserver) new ResizeObserver(refit).observe(el);
  window.addEventListener("resize", function () { if (map) map.resize(); });
  send("streamlit:componentReady", { apiVersion: 1 });
})();

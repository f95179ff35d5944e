/* Peta Kesos choropleth library, shared by the offline HTML export (inlined by maps_render.py) and
 * the Streamlit map component (loaded by index.html). It decodes the compact layer payload of
 * maps_encode.py, draws every polygon on one Leaflet canvas, and restyles them from a values payload
 * without decoding the geometry again. Needs Leaflet (window.L). Defines window.PetaKesosMap.
 * No template markers may appear in this file: branca re-parses the export's scripts as templates.
 */
(function (root) {
  "use strict";
  var ABC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", IDX = new Int8Array(128);
  for (var a = 0; a < 64; a++) IDX[ABC.charCodeAt(a)] = a;

  function ints(s) {
    var out = [], i = 0, n = s.length, b, shift, r;
    while (i < n) {
      shift = 0; r = 0;
      do { b = IDX[s.charCodeAt(i++)]; r |= (b & 31) << shift; shift += 5; } while (b >= 32);
      out.push(r & 1 ? ~(r >>> 1) : r >>> 1);
    }
    return out;
  }
  function decode(D) {
    var q = D.q, ox = D.o[0], oy = D.o[1], res = new Array(D.g.length);
    for (var f = 0; f < D.g.length; f++) {
      var x = 0, y = 0, parts = D.g[f].split(";"), poly = [];
      for (var p = 0; p < parts.length; p++) {
        var rings = parts[p].split(","), pr = [];
        for (var r = 0; r < rings.length; r++) {
          var v = ints(rings[r]), ll = new Array(v.length / 2);
          for (var j = 0; j < v.length; j += 2) {
            x += v[j]; y += v[j + 1];
            ll[j / 2] = [oy + y * q, ox + x * q];
          }
          pr.push(ll);
        }
        poly.push(pr);
      }
      res[f] = poly;
    }
    return res;
  }
  function points(D) {
    var v = ints(D.p || ""), x = 0, y = 0, out = [];
    for (var j = 0; j < v.length; j += 2) {
      x += v[j]; y += v[j + 1];
      out.push([D.o[1] + y * D.q, D.o[0] + x * D.q]);
    }
    return out;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // 8494 -> "8.494": ranks in tooltips read like every other number (counts arrive formatted).
  function grp(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function hatch(OPT) {
    var c = document.createElement("canvas"), x = c.getContext("2d");
    c.width = c.height = 8;
    x.fillStyle = OPT.nd_fill; x.fillRect(0, 0, 8, 8);
    x.strokeStyle = OPT.nd_hatch; x.lineWidth = 1.2; x.beginPath();
    x.moveTo(0, 8); x.lineTo(8, 0); x.moveTo(-2, 2); x.lineTo(2, -2); x.moveTo(6, 10); x.lineTo(10, 6);
    x.stroke();
    return x.createPattern(c, "repeat");
  }
  function control(map, pos, cls, html) {
    var C = L.Control.extend({
      onAdd: function () {
        var d = L.DomUtil.create("div", "pk-box " + cls);
        d.innerHTML = html;
        L.DomEvent.disableClickPropagation(d);
        L.DomEvent.disableScrollPropagation(d);
        return d;
      }
    });
    var c = new C({ position: pos });
    c.addTo(map);
    return c;
  }
  function legendHtml(V) {
    var h = '<div class="pk-legend-title">' + esc(V.label) + "</div>";
    for (var c = 0; c < V.legend.length; c++) {
      h += '<div class="pk-row"><i style="background:' + V.colors[c] + '"></i>' + esc(V.legend[c][0]) +
        ' <span class="pk-n">(' + esc(V.legend[c][1]) + " " + esc(V.unit) + ")</span></div>";
    }
    if (V.nd > 0 || V.legend.length === 0) {
      h += '<div class="pk-row"><i class="pk-nd"></i>' + esc(V.nd_label) + ' <span class="pk-n">(' + esc(V.nd_n || V.nd) + " " + esc(V.unit) + ")</span></div>";
    }
    if (V.bmax) h += '<div class="pk-row pk-bub"><i class="pk-circle"></i>' + esc(V.bmax) + "</div>";
    h += '<div class="pk-cls">' + esc(V.cls) + "</div>";
    return h;
  }
  function titleHtml(OPT) {
    return '<div class="pk-h1">' + esc(OPT.title || "") + "</div>" +
      (OPT.subtitle ? '<div class="pk-h2">' + esc(OPT.subtitle) + "</div>" : "");
  }
  function setBox(c, html, shown) {
    var d = c.getContainer();
    d.innerHTML = html;
    L.DomUtil[shown ? "removeClass" : "addClass"](d, "pk-hidden");
  }

  // One map's drawing state: its canvas, the current polygons and the current values.
  function create(map, OPT) {
    var E = { map: map, opt: OPT, geo: null, feats: [], pts: [], n: 0, values: null, first: null,
              group: L.featureGroup(), outline: null, bubbles: L.featureGroup(), onclick: null };
    var container = map.getContainer();
    L.DomUtil.addClass(container, "pk-map");
    E.renderer = L.canvas({ padding: 0.3, tolerance: 1 });
    E.pattern = hatch(OPT);
    E.titleBox = control(map, "topleft", "pk-title", "");
    control(map, "topright", "pk-north", OPT.north_svg);
    L.control.zoom({ position: "topright" }).addTo(map);
    E.legend = control(map, "bottomright", "pk-legend", "");
    L.control.scale({ position: "bottomleft", imperial: false, maxWidth: 160 }).addTo(map);
    E.footBox = control(map, "bottomleft", "pk-foot", "");

    function fillOf(V, i) {
      var c = V.c.charCodeAt(i) - 48;
      return c >= 0 && c < V.colors.length ? V.colors[c] : E.pattern;
    }
    function tip(l) {
      var i = l._pk, V = E.values, G = E.geo, O = E.opt;
      var h = "<b>" + esc(G.n ? G.n[i] : G.k[i]) + "</b>";
      if (G.pn) h += "<br>" + (G.lv === "desa" ? esc(O.t_kec) + " " : "") + esc(G.pn[G.pi[i]]);
      h += "<br>" + esc(V.label) + ": <b>" + esc(V.t[i]) + "</b>";
      if (V.r && V.r[i] > 0) h += "<br>" + esc(O.t_rank) + " " + grp(V.r[i]) + " " + esc(O.t_of) + " " + grp(V.rn);
      return h;
    }

    // Title, footer and presentation mode: texts only, the polygons stay as they are.
    E.setOptions = function (O) {
      E.opt = O;
      L.DomUtil[O.presentation ? "addClass" : "removeClass"](container, "pk-pres");
      L.DomUtil[O.show_title ? "addClass" : "removeClass"](container, "pk-titled");
      setBox(E.titleBox, titleHtml(O), !!O.title);
      setBox(E.footBox, esc(O.footer || ""), !!O.footer);
    };

    // New values for the same polygons: fill colours, bubbles and legend; no geometry work.
    E.restyle = function (V) {
      E.values = V;
      if (!E.first) E.first = V;
      for (var i = 0; i < E.n; i++) E.feats[i].setStyle({ fillColor: fillOf(V, i) });
      E.bubbles.clearLayers();
      if (V.bub) {
        for (var j = 0; j < E.n; j++) {
          if (V.bub[j] > 0) E.bubbles.addLayer(L.circleMarker(E.pts[j], { renderer: E.renderer, radius: V.bub[j], weight: 0.8, color: "#ffffff", fillColor: "#08306b", fillOpacity: 0.55, interactive: false }));
        }
      }
      E.legend.getContainer().innerHTML = legendHtml(V);
    };

    // New polygons (another layer): decode, style before they reach the map (cheaper), then draw
    // polygons, outlines and bubbles in that order on the one canvas.
    E.draw = function (GEO, OUT, V, fit) {
      if (E.geo) { map.removeLayer(E.group); map.removeLayer(E.bubbles); }
      if (E.outline) map.removeLayer(E.outline);
      var O = E.opt, geoms = decode(GEO), n = geoms.length, feats = new Array(n);
      var group = L.featureGroup();
      var base = { renderer: E.renderer, weight: O.weight, color: O.stroke, opacity: 0.7, fillOpacity: O.fill_opacity, bubblingMouseEvents: true };
      for (var i = 0; i < n; i++) {
        var lyr = L.polygon(geoms[i], base);
        lyr._pk = i;
        feats[i] = lyr;
        group.addLayer(lyr);
      }
      E.geo = GEO; E.feats = feats; E.n = n; E.pts = points(GEO); E.group = group; E.first = null;
      E.bubbles = L.featureGroup();
      E.restyle(V);
      group.bindTooltip(tip, { sticky: true, className: "pk-tip" });
      group.on("mouseover", function (e) { e.layer.setStyle({ weight: 2, color: "#000000", opacity: 1 }); });
      group.on("mouseout", function (e) { e.layer.setStyle({ weight: E.opt.weight, color: E.opt.stroke, opacity: 0.7 }); });
      group.on("click", function (e) { if (E.onclick) E.onclick(GEO.k[e.layer._pk], e.layer._pk); });
      if (fit && GEO.b) E.fit();
      group.addTo(map);
      E.outline = null;
      if (OUT) {
        var og = decode(OUT), outline = L.featureGroup();
        for (var k = 0; k < og.length; k++) outline.addLayer(L.polygon(og[k], { renderer: E.renderer, fill: false, weight: O.outline_weight, color: "#252525", opacity: 0.9, interactive: false }));
        outline.addTo(map);
        E.outline = outline;
      }
      E.bubbles.addTo(map);
    };

    // Open on the main land masses (opt.fit, see maps_encode.fit_bounds). If the legend then covers a
    // polygon, fit again leaving the legend its own strip, beside or above it, whichever keeps the map larger.
    E.fit = function () {
      var b = E.opt.fit || (E.geo && E.geo.b);
      if (!b) return;
      map.fitBounds(b);
      var lg = E.legend.getContainer(), w = lg.offsetWidth + 12, h = lg.offsetHeight + 12;
      if (!lg.offsetWidth || !covers(lg)) return;
      var side = map.getBoundsZoom(b, false, L.point(w, 0)), below = map.getBoundsZoom(b, false, L.point(0, h));
      map.fitBounds(b, { paddingBottomRight: side >= below ? [w, 0] : [0, h] });
    };
    function covers(lg) {
      var c = container.getBoundingClientRect(), r = lg.getBoundingClientRect();
      var x0 = r.left - c.left, y0 = r.top - c.top, x1 = r.right - c.left, y1 = r.bottom - c.top;
      for (var i = 0; i < E.n; i++) {
        var fb = E.feats[i].getBounds(), nw = map.latLngToContainerPoint(fb.getNorthWest()),
          se = map.latLngToContainerPoint(fb.getSouthEast());
        if (se.x > x0 && nw.x < x1 && se.y > y0 && nw.y < y1) return true;
      }
      return false;
    }

    E.setOptions(OPT);
    return E;
  }

  // Record when the browser has painted (two frames later): the benchmarks and browser tests wait on it.
  function markDrawn() {
    requestAnimationFrame(function () { requestAnimationFrame(function () { root.__pkDrawn = performance.now(); }); });
  }

  root.PetaKesosMap = { create: create, decode: decode, markDrawn: markDrawn };
})(window);

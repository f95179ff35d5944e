(function () {
  // Peta Kesos choropleth: decodes the compact layer payload and draws it on one canvas.
  var map = __MAP__, GEO = __GEO__, VAL = __VAL__, OUT = __OUT__, OPT = __OPT__;
  var reg = (window.PETAKESOS = window.PETAKESOS || {});

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
  function hatch() {
    var c = document.createElement("canvas"), x = c.getContext("2d");
    c.width = c.height = 8;
    x.fillStyle = OPT.nd_fill; x.fillRect(0, 0, 8, 8);
    x.strokeStyle = OPT.nd_hatch; x.lineWidth = 1.2; x.beginPath();
    x.moveTo(0, 8); x.lineTo(8, 0); x.moveTo(-2, 2); x.lineTo(2, -2); x.moveTo(6, 10); x.lineTo(10, 6);
    x.stroke();
    return x.createPattern(c, "repeat");
  }
  function control(pos, cls, html) {
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

  var container = map.getContainer();
  L.DomUtil.addClass(container, "pk-map");
  if (OPT.presentation) L.DomUtil.addClass(container, "pk-pres");
  var renderer = L.canvas({ padding: 0.3, tolerance: 1 });
  var pattern = hatch();
  var geoms = decode(GEO), pts = points(GEO), n = geoms.length, feats = new Array(n);
  var group = L.featureGroup();
  var base = { renderer: renderer, weight: OPT.weight, color: OPT.stroke, opacity: 0.7, fillOpacity: OPT.fill_opacity, bubblingMouseEvents: true };
  for (var i = 0; i < n; i++) {
    var lyr = L.polygon(geoms[i], base);
    lyr._pk = i;
    feats[i] = lyr;
    group.addLayer(lyr);
  }
  var bubbles = L.featureGroup();
  var legend = null;

  function fillOf(V, i) {
    var c = V.c.charCodeAt(i) - 48;
    return c >= 0 && c < V.colors.length ? V.colors[c] : pattern;
  }
  function legendHtml(V) {
    var h = '<div class="pk-legend-title">' + esc(V.label) + "</div>";
    for (var c = 0; c < V.legend.length; c++) {
      h += '<div class="pk-row"><i style="background:' + V.colors[c] + '"></i>' + esc(V.legend[c][0]) +
        ' <span class="pk-n">(' + V.legend[c][1] + " " + esc(V.unit) + ")</span></div>";
    }
    if (V.nd > 0 || V.legend.length === 0) {
      h += '<div class="pk-row"><i class="pk-nd"></i>' + esc(V.nd_label) + ' <span class="pk-n">(' + V.nd + " " + esc(V.unit) + ")</span></div>";
    }
    if (V.bmax) h += '<div class="pk-row pk-bub"><i class="pk-circle"></i>' + esc(V.bmax) + "</div>";
    h += '<div class="pk-cls">' + esc(V.cls) + "</div>";
    return h;
  }
  function tip(l) {
    var i = l._pk, V = reg_entry.values;
    var h = "<b>" + esc(GEO.n ? GEO.n[i] : GEO.k[i]) + "</b>";
    if (GEO.pn) h += "<br>" + (GEO.lv === "desa" ? esc(OPT.t_kec) + " " : "") + esc(GEO.pn[GEO.pi[i]]);
    h += "<br>" + esc(V.label) + ": <b>" + esc(V.t[i]) + "</b>";
    if (V.r && V.r[i] > 0) h += "<br>" + esc(OPT.t_rank) + " " + V.r[i] + " " + esc(OPT.t_of) + " " + V.rn;
    return h;
  }
  function restyle(V) {
    reg_entry.values = V;
    for (var i = 0; i < n; i++) feats[i].setStyle({ fillColor: fillOf(V, i) });
    bubbles.clearLayers();
    if (V.bub) {
      for (var j = 0; j < n; j++) {
        if (V.bub[j] > 0) bubbles.addLayer(L.circleMarker(pts[j], { renderer: renderer, radius: V.bub[j], weight: 0.8, color: "#ffffff", fillColor: "#08306b", fillOpacity: 0.55, interactive: false }));
      }
    }
    if (legend) legend.getContainer().innerHTML = legendHtml(V);
  }

  var reg_entry = { map: map, group: group, values: VAL, first: VAL, restyle: restyle };
  reg[OPT.name] = reg_entry;
  restyle(VAL);
  group.bindTooltip(tip, { sticky: true, className: "pk-tip" });
  group.on("mouseover", function (e) { e.layer.setStyle({ weight: 2, color: "#000000", opacity: 1 }); });
  group.on("mouseout", function (e) { e.layer.setStyle({ weight: OPT.weight, color: OPT.stroke, opacity: 0.7 }); });
  group.addTo(map);
  if (OUT) {
    var og = decode(OUT), outline = L.featureGroup();
    for (var k = 0; k < og.length; k++) outline.addLayer(L.polygon(og[k], { renderer: renderer, fill: false, weight: OPT.outline_weight, color: "#252525", opacity: 0.9, interactive: false }));
    outline.addTo(map);
  }
  bubbles.addTo(map);

  if (OPT.title) control("topleft", "pk-title", "<div class=\"pk-h1\">" + esc(OPT.title) + "</div>" + (OPT.subtitle ? "<div class=\"pk-h2\">" + esc(OPT.subtitle) + "</div>" : ""));
  control("topright", "pk-north", OPT.north_svg);
  L.control.zoom({ position: "topright" }).addTo(map);
  legend = control("bottomright", "pk-legend", legendHtml(VAL));
  L.control.scale({ position: "bottomleft", imperial: false, maxWidth: 160 }).addTo(map);
  if (OPT.footer) control("bottomleft", "pk-foot", esc(OPT.footer));

  requestAnimationFrame(function () { requestAnimationFrame(function () { window.__pkDrawn = performance.now(); }); });
})();

(function () {
  // Peta Kesos choropleth in a folium page (the offline HTML export): one map, drawn once.
  // The drawing code is PetaKesosMap (map_component/frontend/petakesos_map.js), inlined before this.
  var map = __MAP__, GEO = __GEO__, VAL = __VAL__, OUT = __OUT__, OPT = __OPT__;
  var reg = (window.PETAKESOS = window.PETAKESOS || {});
  var entry = PetaKesosMap.create(map, OPT);
  reg[OPT.name] = entry;
  entry.draw(GEO, OUT, VAL, false);  // folium fits the bounds itself, after this script
  PetaKesosMap.markDrawn();
})();

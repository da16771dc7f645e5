// Derives land-110m.txt: one polygon ring per line, "lon,lat lon,lat ..." with 2 decimals.
const topojson = require("topojson-client");
const land = require("world-atlas/land-110m.json");
const geo = topojson.feature(land, land.objects.land);
const out = ["# Natural Earth 1:110m land (public domain), via world-atlas@" + require("world-atlas/package.json").version + " land-110m.json; one ring per line: lon,lat pairs"];
for (const f of geo.features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys) for (const ring of poly) out.push(ring.map(([x, y]) => x.toFixed(2) + "," + y.toFixed(2)).join(" "));
}
process.stdout.write(out.join("\n") + "\n");

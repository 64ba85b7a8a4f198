// Writes the land outline of geo-frontend's world map, as SVG path data on stdout, from Natural Earth's
// public-domain 1:110m land polygons as the npm package world-atlas carries them (TopoJSON, decoded with
// topojson-client). Both packages are unpacked into node_modules at argv[2].
// The projection is equirectangular at 2 units per degree: x = (longitude + 180) * 2, y = (90 - latitude) * 2,
// rounded to whole units; geo-frontend's WorldMap places its marker with the same formula.
// Run through scripts/generate-world-map.sh.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const modules = process.argv[2];
const require = createRequire(join(modules, "noop.js"));
const { feature } = require("topojson-client");
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "land-110m.json"), "utf8"));
const land = feature(topology, topology.objects.land);

// The map shows latitudes 84 to -60; Antarctica lies below and is left out.
const SOUTHERN_LIMIT = -60;
const project = ([longitude, latitude]) => [Math.round((longitude + 180) * 2), Math.round((90 - latitude) * 2)];

const polygons = land.features.flatMap((f) =>
  f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates);

// A ring that crosses the antimeridian (Chukotka, Fiji) jumps from 180 to -180 and back; drawn as is, that jump is a
// line across the whole map. Its longitudes are unwrapped into one run instead (180, 181…), and the ring is drawn a
// second time 360 degrees over, so that each side shows its part; the map's edges clip the rest.
function unwrapped(ring) {
  const out = [ring[0]];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const jump = ring[i][0] - ring[i - 1][0];
    if (jump > 180) shift -= 360;
    if (jump < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  return out;
}

function copies(ring) {
  const run = unwrapped(ring);
  if (run.some(([longitude]) => longitude > 180)) return [run, run.map(([x, y]) => [x - 360, y])];
  if (run.some(([longitude]) => longitude < -180)) return [run, run.map(([x, y]) => [x + 360, y])];
  return [run];
}

// Relative moves ("l dx dy") after an absolute start keep the numbers short; a point that rounds onto the one before
// it adds nothing and is dropped.
function draw(ring) {
  const points = ring.map(project);
  let [x, y] = points[0];
  const steps = [];
  for (const [px, py] of points.slice(1)) {
    if (px === x && py === y) continue;
    steps.push(`${px - x} ${py - y}`);
    [x, y] = [px, py];
  }
  if (steps.length < 2) return "";
  return `M${points[0][0]} ${points[0][1]}l${steps.join(" ").replace(/ -/g, "-")}z`;
}

const path = [];
for (const polygon of polygons) {
  for (const ring of polygon) {
    if (ring.every(([, latitude]) => latitude < SOUTHERN_LIMIT)) continue;
    for (const copy of copies(ring)) {
      const drawn = draw(copy);
      if (drawn) path.push(drawn);
    }
  }
}
process.stdout.write(path.join("") + "\n");

import { geoNaturalEarth1, geoPath } from "d3-geo";
import type { Feature, Geometry } from "geojson";
import { numericToAlpha2 } from "i18n-iso-countries";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

// The world map's pure part: world-atlas's TopoJSON (countries keyed by ISO
// 3166 numeric codes) to SVG paths keyed by the alpha-2 codes the stats use.

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

// Shapes world-atlas draws without an ISO numeric id: Kosovo has the
// user-assigned XK that GeoIP databases use; the two breakaway regions are
// counted by GeoIP under the country they belong to.
const UNNUMBERED: Record<string, string> = { Kosovo: "XK", Somaliland: "SO", "N. Cyprus": "CY" };

export type CountryShape = { code: string | null; name: string; d: string };

export function countryShapes(topology: Topology): CountryShape[] {
  const collection = feature(topology, topology.objects.countries as GeometryCollection<{ name: string }>);
  // Antarctica takes a fifth of the map and has no visitors.
  const features = collection.features.filter((f) => f.properties?.name !== "Antarctica") as Feature<Geometry, { name: string }>[];
  const projection = geoNaturalEarth1().fitSize([MAP_WIDTH, MAP_HEIGHT], { type: "FeatureCollection", features });
  const path = geoPath(projection);
  return features.flatMap((f) => {
    const d = path(f);
    if (!d) return [];
    const name = f.properties?.name ?? "";
    const code = f.id !== undefined ? (numericToAlpha2(String(f.id).padStart(3, "0")) ?? null) : (UNNUMBERED[name] ?? null);
    return [{ code, name, d }];
  });
}

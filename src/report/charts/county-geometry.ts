// Sweden's 21 counties as drawn on the report maps: outlines from se-counties.json (MapSVG via
// svg-maps, CC BY 4.0, see ../geo/SOURCES.md) joined to the gazetteer for names and police regions,
// so a county moved to another police region is fixed in one place, the gazetteer.
import geo from '../geo/se-counties.json' with { type: 'json' };
import gazetteerData from '../../normalise/data/se-gazetteer.json' with { type: 'json' };

export interface MapCounty {
  /** Official county code, "01".."25". */
  code: string;
  name: string;
  shortName: string;
  policeRegion: string;
  /** SVG path data in the map's viewBox. */
  path: string;
  /** A point inside the county's largest part, for labels. */
  labelX: number;
  labelY: number;
  /** Drawn area in viewBox units², to pick where a region's label goes. */
  area: number;
}

interface GeoFile {
  viewBox: string;
  attribution: string;
  counties: { code: string; name: string; path: string; labelX: number; labelY: number; area: number }[];
}
interface GazetteerCounties {
  policeRegions: string[];
  counties: { code: string; name: string; shortName: string; policeRegion: string }[];
}

function join(file: GeoFile, gazetteer: GazetteerCounties): MapCounty[] {
  const byCode = new Map(gazetteer.counties.map((c) => [c.code, c]));
  const counties = file.counties.map((shape) => {
    const county = byCode.get(shape.code);
    if (!county) throw new Error(`se-counties.json: county ${shape.code} is not in the gazetteer`);
    return { ...shape, name: county.name, shortName: county.shortName, policeRegion: county.policeRegion };
  });
  const missing = gazetteer.counties.filter((c) => !counties.some((m) => m.code === c.code));
  if (missing.length > 0) throw new Error(`se-counties.json lacks ${missing.map((c) => c.name).join(', ')}`);
  return counties;
}

const file = geo as GeoFile;
const gazetteer = gazetteerData as unknown as GazetteerCounties;

export const MAP_VIEWBOX = file.viewBox;
export const MAP_ATTRIBUTION = file.attribution;
export const MAP_COUNTIES: readonly MapCounty[] = join(file, gazetteer);
export const POLICE_REGIONS: readonly string[] = gazetteer.policeRegions;

// Writes geo-api's country metadata, one tab-separated line a country on stdout, from two well-kept sources:
//   - the npm package countries-list (continents, capitals, calling codes, languages), unpacked at argv[2];
//   - the IANA time zone database's zone.tab (each country's zones and their principal cities), at argv[3].
// Country names, ISO-3 codes and currencies are not here: geo-api takes them from the JDK. Currency symbols are, but
// from the JDK too (scripts/CurrencySymbols.java), so that geo-api's runtime needs no locale data.
// Run through scripts/generate-country-data.sh: first with "--languages" in place of the symbols' file, to print
// "COUNTRY LANGUAGE" lines for CurrencySymbols, then with the file of "COUNTRY SYMBOL" lines it wrote.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [packageDir, zoneTab, symbolsFile] = process.argv.slice(2);
const read = (file) => JSON.parse(readFileSync(join(packageDir, file), "utf8"));
const version = read("package.json").version;
const countries = read("countries.min.json");
const continents = read("continents.min.json");

// zone.tab coordinates are ±DDMM[SS]±DDDMM[SS] of the zone's principal city; its comment says "most" for the main
// zone of a region ("Eastern (most areas)", "most of Germany").
function degrees(text, degreeDigits) {
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1);
  const d = Number(digits.slice(0, degreeDigits));
  const m = Number(digits.slice(degreeDigits, degreeDigits + 2));
  const s = Number(digits.slice(degreeDigits + 2) || "0");
  return Math.round(sign * (d + m / 60 + s / 3600) * 10000) / 10000;
}

// The language a country writes its currency symbol in: its first, or English.
const languageOf = (country) => country.languages[0] ?? "en";
if (symbolsFile === "--languages") {
  for (const code of Object.keys(countries).sort()) {
    process.stdout.write(`${code} ${languageOf(countries[code])}\n`);
  }
  process.exit(0);
}
const symbols = {};
for (const line of readFileSync(symbolsFile, "utf8").split("\n")) {
  const split = line.indexOf(" ");
  if (split > 0) symbols[line.slice(0, split)] = line.slice(split + 1);
}

const zones = {};
for (const line of readFileSync(zoneTab, "utf8").split("\n")) {
  if (line.startsWith("#") || line.trim() === "") continue;
  const [code, coordinates, name, comment = ""] = line.split("\t");
  const split = 1 + coordinates.slice(1).search(/[+-]/);
  const latitude = coordinates.slice(0, split);
  const longitude = coordinates.slice(split);
  (zones[code] ??= []).push([name, degrees(latitude, 2), degrees(longitude, 3), /\bmost\b/.test(comment)]);
}

// Tab-separated, one country a line: the format geo-api's CountryCatalog reads (it says why not JSON).
const sources = `countries-list ${version} (MIT, Annexare Studio); IANA tz database zone.tab (public domain)`;
const lines = [
  `# geo-api's country metadata, from ${sources}: written by scripts/generate-country-data.sh, not by hand.`,
  "# One country a line, tab-separated: ISO code, continent, continent's name, capital, calling code, languages",
  "# (comma-separated), currency symbol (empty when the data has none), time zones (comma-separated, each",
  "# \"name latitude longitude main\" of its principal city, main true for the main zone of a region).",
];
for (const code of Object.keys(countries).sort()) {
  const country = countries[code];
  const zoneList = (zones[code] ?? []).map((zone) => zone.join(" ")).join(",");
  lines.push([
    code,
    country.continent,
    continents[country.continent],
    country.capital,
    country.phone.length > 0 ? String(country.phone[0]) : "",
    country.languages.join(","),
    symbols[code] ?? "",
    zoneList,
  ].join("\t"));
}
process.stdout.write(lines.join("\n") + "\n");

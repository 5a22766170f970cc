// Countries for tax ids and addresses: ISO 3166-1 alpha-2 codes, named in the UI language by the browser
// (Intl.DisplayNames), so no country name needs a translation of its own.

/** EU member states (ISO codes: Greece is GR here, though its VAT prefix is EL). */
export const EU_COUNTRIES: readonly string[] = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(
  ' ',
);

/** Northern Ireland: not an ISO country, but it has EU VAT numbers (prefix XI). */
export const NORTHERN_IRELAND = 'XI';

/** Every ISO 3166-1 alpha-2 country code. */
export const ISO_COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export function isEuVatCountry(code: string | null | undefined): boolean {
  return !!code && (code === NORTHERN_IRELAND || EU_COUNTRIES.includes(code));
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

function namesFor(language: string): Intl.DisplayNames | null {
  if (!displayNames.has(language)) {
    try {
      displayNames.set(language, new Intl.DisplayNames([language], { type: 'region' }));
    } catch {
      displayNames.set(language, null);
    }
  }
  return displayNames.get(language) ?? null;
}

/** The country's name in `language` ("Spain", "España"); the code itself when the browser has no name. */
export function countryName(code: string, language: string, northernIreland: string): string {
  if (code === NORTHERN_IRELAND) return northernIreland;
  try {
    return namesFor(language)?.of(code) ?? code;
  } catch {
    return code;
  }
}

export interface CountryOption {
  value: string;
  label: string;
}

/** Select options "Spain (ES)", sorted by name in `language`; `withNorthernIreland` adds XI (tax countries). */
export function countryOptions(language: string, northernIreland: string, withNorthernIreland: boolean): CountryOption[] {
  const codes = withNorthernIreland ? [...ISO_COUNTRIES, NORTHERN_IRELAND] : ISO_COUNTRIES;
  return codes
    .map((code) => ({ value: code, label: `${countryName(code, language, northernIreland)} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}

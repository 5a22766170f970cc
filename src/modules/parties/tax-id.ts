import { type Country, checkVAT, countries } from 'jsvat';

/** EU member states (and Northern Ireland, XI, which keeps EU VAT rules for goods). */
export const EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'XI',
] as const;

const isEu = (country: string) => (EU_COUNTRIES as readonly string[]).includes(country);

/** The prefix of a country's VAT numbers, where it is not the ISO code. */
const VAT_PREFIX: Record<string, string> = { GR: 'EL', XI: 'XI', CH: 'CHE' };
const vatPrefix = (country: string) => VAT_PREFIX[country] ?? country;

/** jsvat's rules for a country (Northern Ireland numbers follow the United Kingdom's). */
function rulesFor(country: string): Country | undefined {
  const iso = country === 'XI' ? 'GB' : country;
  return countries.find((c) => c.codes[0] === iso || (iso === 'GR' && c.codes.includes('GRC')));
}

export type TaxIdCheck = { ok: true; taxId: string; vatNumber: string | null } | { ok: false; message: string };

/** Upper case, without the spaces, dots, dashes and slashes people type in tax ids. */
export const normalizeTaxId = (raw: string) => raw.toUpperCase().replace(/[\s.\-/]/g, '');

/**
 * Checks a tax id for its country and returns it in its stored form: national, without a VAT prefix.
 * Spain: a NIF, NIE or CIF with a valid check digit. EU countries and the others jsvat knows: a VAT number
 * in that country's format, with its check digits where it has them (the prefix may be typed). Any other
 * country: 1–30 letters and digits.
 */
export function checkTaxId(country: string, raw: string): TaxIdCheck {
  const typed = normalizeTaxId(raw);
  const prefix = vatPrefix(country);
  const national = typed.startsWith(prefix) && country !== 'CH' ? typed.slice(prefix.length) : typed;
  if (!/^[A-Z0-9]{1,30}$/.test(national)) return { ok: false, message: 'must be 1 to 30 letters and digits' };
  const rules = rulesFor(country);
  if (rules) {
    const asVat =
      country === 'CH' ? (national.startsWith('CHE') ? national : `CHE${national}`) : `${country === 'XI' ? 'GB' : prefix}${national}`;
    const result = checkVAT(asVat, [rules]);
    if (!result.isValid) {
      return {
        ok: false,
        message:
          country === 'ES'
            ? 'is not a valid Spanish NIF, NIE or CIF (check the letter or control digit)'
            : `is not a valid ${country} VAT number${result.isValidFormat ? ' (its check digits do not match)' : ''}`,
      };
    }
    const taxId = country === 'CH' ? asVat : national;
    return { ok: true, taxId, vatNumber: isEu(country) ? `${prefix}${national}` : null };
  }
  return { ok: true, taxId: national, vatNumber: isEu(country) ? `${prefix}${national}` : null };
}

/** The VAT number (prefix + id) of a stored tax id, for EU countries; null elsewhere. */
export function vatNumberOf(country: string | null, taxId: string | null): string | null {
  return country !== null && taxId !== null && isEu(country) ? `${vatPrefix(country)}${taxId}` : null;
}

import { describe, expect, it } from 'vitest';
import { checkTaxId, normalizeTaxId, vatNumberOf } from './tax-id.ts';

describe('tax ids', () => {
  it.each([
    ['ES', 'B12345674', 'B12345674', 'ESB12345674'],
    ['ES', 'b-1234567-4', 'B12345674', 'ESB12345674'],
    ['ES', 'ES B12345674', 'B12345674', 'ESB12345674'],
    ['ES', '12345678Z', '12345678Z', 'ES12345678Z'],
    ['ES', 'X1234567L', 'X1234567L', 'ESX1234567L'],
    ['ES', 'A58818501', 'A58818501', 'ESA58818501'],
    ['DE', 'DE 136 695 976', '136695976', 'DE136695976'],
    ['GR', 'EL094259216', '094259216', 'EL094259216'],
    ['FR', '40303265045', '40303265045', 'FR40303265045'],
    ['IT', '00743110157', '00743110157', 'IT00743110157'],
    ['NL', '004495445B01', '004495445B01', 'NL004495445B01'],
    ['PT', '501964843', '501964843', 'PT501964843'],
    ['XI', '980780684', '980780684', 'XI980780684'],
    ['GB', 'GB980780684', '980780684', null],
    ['CH', 'CHE-116.281.710', 'CHE116281710', null],
    ['US', '12-3456789', '123456789', null],
    ['MX', 'ABC-010101-AB1', 'ABC010101AB1', null],
  ])('accepts %s %s as %s (VAT number %s)', (country, typed, stored, vat) => {
    expect(checkTaxId(country, typed)).toEqual({ ok: true, taxId: stored, vatNumber: vat });
    expect(vatNumberOf(country, stored)).toBe(vat);
  });

  it.each([
    ['ES', 'B12345678', /Spanish NIF, NIE or CIF/],
    ['ES', '12345678A', /Spanish NIF, NIE or CIF/],
    ['ES', 'X1234567A', /Spanish NIF, NIE or CIF/],
    ['ES', '1234', /Spanish NIF, NIE or CIF/],
    ['DE', '136695977', /check digits do not match/],
    ['DE', '12345', /not a valid DE VAT number/],
    ['PT', '501964842', /PT VAT number/],
    ['US', 'ÑAND&CO', /letters and digits/],
    ['US', '', /letters and digits/],
  ])('refuses %s %s', (country, typed, message) => {
    const result = checkTaxId(country, typed);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('normalizes what people type', () => {
    expect(normalizeTaxId(' b.123/456-74 ')).toBe('B12345674');
  });
});

/** Units of measure by their UN/ECE Recommendation 20 code, the one e-invoices (UBL) carry. */
export const UNITS = {
  C62: 'unit',
  H87: 'piece',
  XBX: 'box',
  SET: 'set',
  KGM: 'kilogram',
  GRM: 'gram',
  TNE: 'tonne',
  LTR: 'litre',
  MLT: 'millilitre',
  MTR: 'metre',
  KMT: 'kilometre',
  MTK: 'square metre',
  MTQ: 'cubic metre',
  HUR: 'hour',
  DAY: 'day',
  MON: 'month',
  ANN: 'year',
} as const;
export type UnitCode = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as [UnitCode, ...UnitCode[]];

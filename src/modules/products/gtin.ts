/**
 * Whether a barcode is a GTIN (EAN-8, UPC-A, EAN-13 or GTIN-14) with a correct check digit: the digits
 * before the last, weighted 3, 1, 3… from the right, plus the check digit, make a multiple of 10.
 */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() as number;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

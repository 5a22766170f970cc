import { execFileSync, spawnSync } from 'node:child_process';
import { type Amount, formatQuantity, parseQuantity } from './amount.ts';

/** Test helper: runs the real hledger binary (Debian's hledger 1.25 in CI). */
export const hasHledger = spawnSync('hledger', ['--version'], { encoding: 'utf8' }).status === 0;

function styleArg(commodity: string): string {
  const n = '1000.0000000000';
  if (commodity === '') return n;
  return `${n} "${commodity}"`;
}

/**
 * `hledger -f FILE balance --flat -N -O csv --layout=bare`, with every commodity's display style forced to
 * `.` and 10 decimals (`-c`) so the CSV numbers are unambiguous; returns `account\tcommodity` → plain decimal
 * string normalised by {@link normalise}.
 */
export function hledgerBalances(file: string, commodities: Iterable<string>): Map<string, string> {
  const styles = [...new Set(commodities)].flatMap((c) => ['-c', styleArg(c)]);
  const csv = execFileSync('hledger', ['-f', file, 'balance', '--flat', '-N', '-O', 'csv', '--layout=bare', ...styles], {
    encoding: 'utf8',
  });
  const result = new Map<string, string>();
  const lines = csv.trim().split('\n').slice(1);
  for (const line of lines) {
    const fields = parseCsvLine(line);
    const [account = '', commodity = '', balance = ''] = fields;
    const negative = balance.startsWith('-');
    const { quantity, scale } = parseQuantity(negative ? balance.slice(1) : balance, '.');
    result.set(`${account}\t${commodity}`, normalise({ quantity: negative ? -quantity : quantity, scale }));
  }
  return result;
}

export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  const re = /"((?:[^"]|"")*)"(?:,|$)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) fields.push((m[1] ?? '').replace(/""/g, '"'));
  return fields;
}

/** A decimal string without trailing fractional zeros, so different scales compare equal. */
export function normalise(a: Pick<Amount, 'quantity' | 'scale'>): string {
  let { quantity, scale } = a;
  while (scale > 0 && quantity % 10n === 0n) {
    quantity /= 10n;
    scale--;
  }
  return formatQuantity(quantity, scale);
}

/** Exact amounts of each account (`a1`, `a2`, …) as hledger's JSON balance report gives them. */
export function hledgerJsonBalances(file: string): Map<string, { mantissa: bigint; places: number; commodity: string }> {
  const out = execFileSync('hledger', ['-f', file, 'balance', '--flat', '-N', '-O', 'json'], { encoding: 'utf8' });
  // Mantissas may exceed 2^53: quote them before JSON.parse so no float touches them.
  const data = JSON.parse(out.replace(/"decimalMantissa":\s*(-?\d+)/g, '"decimalMantissa":"$1"')) as [
    [string, string, number, { acommodity: string; aquantity: { decimalMantissa: string; decimalPlaces: number } }[]][],
    unknown,
  ];
  const result = new Map<string, { mantissa: bigint; places: number; commodity: string }>();
  for (const [name, , , amounts] of data[0]) {
    for (const a of amounts) {
      result.set(name, { mantissa: BigInt(a.aquantity.decimalMantissa), places: a.aquantity.decimalPlaces, commodity: a.acommodity });
    }
  }
  return result;
}

// Every literal translation key used in the web app exists in English and Spanish, and the two
// languages have the same keys with non-empty strings.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { es } from './es.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const enKeys = leaves(en);
const esKeys = leaves(es);
const has = (keys: Map<string, string>, key: string) => keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`);

describe('translations', () => {
  it('English and Spanish have the same keys, all non-empty', () => {
    expect([...esKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    for (const [key, value] of [...enKeys, ...esKeys]) expect(value.trim(), key).not.toBe('');
  });

  it('every literal key used in the code exists', () => {
    const src = path.resolve(import.meta.dirname, '../..');
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (match[1]) used.add(match[1]);
      for (const match of text.matchAll(/\?\s*'([a-z]+\.[a-zA-Z0-9_.]+)'\s*:\s*'([a-z]+\.[a-zA-Z0-9_.]+)'/g)) {
        if (match[1]) used.add(match[1]);
        if (match[2]) used.add(match[2]);
      }
      for (const match of text.matchAll(/label: '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) if (match[1]) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !has(enKeys, key) || !has(esKeys, key));
    expect(missing).toEqual([]);
  });

  it('has a label and a coming-soon text for every business module', async () => {
    const { moduleKeys } = await import('../layout/nav-items.ts');
    for (const key of moduleKeys) {
      expect(has(enKeys, `nav.${key}`)).toBe(true);
      expect(has(enKeys, `comingSoon.modules.${key}`)).toBe(true);
    }
  });
});

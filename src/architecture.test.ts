import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * The house rules, executable: no import circles anywhere in src/, the platform never imports a module,
 * and a module reaches another module only through its index.ts.
 */
const root = path.join(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s));
}

const files = sourceFiles(root);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(root, f);

it('has no import circles', () => {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  expect(cycles).toEqual([]);
});

it('keeps the platform below the modules, and modules behind their index.ts', () => {
  const violations: string[] = [];
  for (const [file, imports] of graph) {
    const from = rel(file).split(path.sep);
    for (const target of imports) {
      const to = path.relative(root, target).split(path.sep);
      if (from[0] === 'platform' && to[0] === 'modules') violations.push(`${rel(file)} imports module code ${rel(target)}`);
      const modulesRoot = to.length === 2 && to[1] === 'index.ts';
      if (to[0] === 'modules' && !modulesRoot && !(from[0] === 'modules' && from[1] === to[1])) {
        if (to.length !== 3 || to[2] !== 'index.ts') violations.push(`${rel(file)} reaches past ${to[1]}/index.ts to ${rel(target)}`);
      }
    }
  }
  expect(violations).toEqual([]);
});

it('sees the source tree it guards', () => {
  expect(files.some((f) => f.endsWith(path.join('platform', 'http', 'app.ts')))).toBe(true);
});

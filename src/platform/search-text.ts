/** Lower case without accents: what case- and accent-insensitive search compares ("Peña" → "pena"). */
export const foldText = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A LIKE pattern that finds `s` anywhere, with LIKE's own wildcards escaped. */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

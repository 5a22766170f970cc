#!/usr/bin/env node
// The `trastienda` command. TypeScript sources run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
if (process.argv[2] !== 'start') process.exit(code);
else if (code !== 0) process.exit(code);

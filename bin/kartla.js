#!/usr/bin/env node
// Entry point of the `kartla` command. The sources are TypeScript; tsx compiles them on load, so
// there is no build step between editing and running.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv);
// Exit explicitly (a database or crawler may keep timers alive), but only once stdout has been
// flushed, so a piped export is never cut short.
process.stdout.write('', () => process.exit(code));

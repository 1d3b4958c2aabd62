#!/usr/bin/env node
// The embedlab command: builds the engine bundle when sources changed, then runs the CLI.
import { ensureEngineBuilt } from '../scripts/build-engine.mjs';

await ensureEngineBuilt();
const { main } = await import('../out/engine/cli.js');
process.exitCode = await main(process.argv.slice(2));

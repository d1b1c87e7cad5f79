#!/usr/bin/env node
// Entry point of the published package (see scripts/package-bin.mjs, which lays this file out in dist).
require('../tools/scanner/src/cli.js').main();

#!/usr/bin/env node
// Entry point for `npx local-org`: runs the TypeScript CLI through tsx's loader, so no build step is needed.
'use strict';
const path = require('node:path');
const { register } = require('tsx/cjs/api');
register();
require(path.join(__dirname, '..', 'src', 'cli.ts'))
    .main(process.argv.slice(2))
    .then((code) => {
        process.exitCode = code;
    })
    .catch((err) => {
        process.stderr.write(`local-org: internal error: ${err && err.stack ? err.stack : err}\n`);
        process.exitCode = 70;
    });

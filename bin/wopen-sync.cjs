#!/usr/bin/env node
// Entry of the headless `wopen-sync` command; the code is built by `npm run build` into out/main/cli.js.
require('../out/main/cli.js');

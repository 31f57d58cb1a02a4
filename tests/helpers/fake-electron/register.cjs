/* global require, process, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * `node -r tests/helpers/fake-electron/register.cjs out/main/index.js`: makes `require('electron')` resolve to
 * the fake in this folder (the real package only throws without its binary), and turns SIGTERM into what
 * Electron does on it: app.quit() — 'before-quit' first, where the app's own handler runs.
 */
const Module = require('node:module');
const path = require('node:path');

const fakePath = path.join(__dirname, 'index.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveFilename(request, ...rest) {
  if (request === 'electron' || request === 'electron/main') return fakePath;
  return original.call(this, request, ...rest);
};

const electron = require(fakePath);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    electron.__fake.report.signal = signal;
    electron.__fake.writeReport();
    electron.app.quit();
  });
}

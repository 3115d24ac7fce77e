#!/usr/bin/env node
'use strict';
// Placeholder until the demo issue lands: the flagship workflow needs the Refunds node.
console.log('ACORN demo: coming soon. Meanwhile `npm run emulator` starts the built-in SP-API emulator and `npm test` runs the test suite.');

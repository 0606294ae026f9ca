#!/usr/bin/env node
// The `atlas-mock` command: the build's cli.js. It lives outside dist/ so that installing the
// workspace can link it before the package is built.
import '../dist/cli.js';

#!/usr/bin/env node
// `qda-language-server --stdio`: the language server for any LSP editor (Neovim, Helix, Emacs…).
'use strict';
const { createConnection, ProposedFeatures } = require('../dist/server.js').lsp;
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`[qda] uncaught: ${error.stack || error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`[qda] unhandled: ${String(error)}`));
require('../dist/server.js').startServer(connection);

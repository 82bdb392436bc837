#!/usr/bin/env node
// `qda-language-server --stdio`: the language server for any LSP editor (Neovim, Helix, Emacs…).
'use strict';
require('../dist/server.js').runServerProcess();

-- Drives the built server from Neovim's own LSP client (0.7+): plain LSP, not only our client.
-- Arguments come from the environment: OF_SERVER (dist/server.js) and OF_ROOT (the workspace).
local server = os.getenv('OF_SERVER')
local root = os.getenv('OF_ROOT')
local id = vim.lsp.start_client({
  name = 'outcomes-lint',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  settings = { outcomeFrameworks = { inlayHints = { enabled = true } } },
})
vim.lsp.buf_attach_client(0, id)
vim.wait(5000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  print(string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, d.code or d.user_data and d.user_data.lsp.code or '?', d.message:sub(1, 60)))
end
local result = vim.lsp.buf_request_sync(0, 'textDocument/codeLens', { textDocument = vim.lsp.util.make_text_document_params() }, 3000)
for _, r in pairs(result or {}) do for _, lens in ipairs(r.result or {}) do print('lens: ' .. lens.command.title) end end
vim.cmd('qall!')

-- Neovim's own LSP client (0.7+) against the built server: proves the server speaks plain LSP,
-- not only to our VS Code client. Reads what to ask from OF_NVIM_* variables, writes what the
-- server answered as JSON to OF_NVIM_OUT, then quits. Waits are vim.wait on a condition.
local env = function(name) return os.getenv(name) end
local out = { diagnostics = {}, hover = nil, codeLens = {}, inlayHints = {}, errors = {} }

local function finish()
  local file = io.open(env('OF_NVIM_OUT'), 'w')
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd('qall!')
end

local function check()
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'outcome-frameworks',
    cmd = { env('OF_NVIM_NODE'), env('OF_NVIM_SERVER'), '--stdio' },
    root_dir = env('OF_NVIM_ROOT'),
    workspace_folders = { { uri = vim.uri_from_fname(env('OF_NVIM_ROOT')), name = 'samples' } },
  })
  if not client_id then table.insert(out.errors, 'the server did not start'); return end
  vim.lsp.buf_attach_client(buf, client_id)
  local client
  local ready = vim.wait(15000, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 20)
  if not ready then table.insert(out.errors, 'the server did not finish initialize within 15 s'); return end
  out.capabilities = {
    hover = client.server_capabilities.hoverProvider and true or false,
    codeLens = client.server_capabilities.codeLensProvider ~= nil,
    inlayHint = client.server_capabilities.inlayHintProvider ~= nil,
  }
  local uri = vim.uri_from_bufnr(buf)

  local expected = tonumber(env('OF_NVIM_EXPECT_DIAGNOSTICS') or '')
  if expected then
    -- As many as the CLI finds (a server may publish a partial set first); the runner compares them.
    vim.wait(15000, function() return #vim.diagnostic.get(buf) >= expected end, 20)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      local code = d.code or lsp.code
      if type(code) == 'table' then code = code.value end
      table.insert(out.diagnostics, { line = d.lnum + 1, column = d.col + 1, code = code, message = d.message, severity = d.severity })
    end
  end

  local hover_at = env('OF_NVIM_HOVER')
  if hover_at then
    local line, character = hover_at:match('(%d+):(%d+)')
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = tonumber(line), character = tonumber(character) } }, 10000) or {}
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      if type(contents) == 'table' then
        if contents.value then out.hover = contents.value
        else
          local parts = {}
          for _, part in ipairs(contents) do table.insert(parts, type(part) == 'table' and part.value or part) end
          out.hover = table.concat(parts, '\n')
        end
      elseif type(contents) == 'string' then out.hover = contents end
      if response.err then table.insert(out.errors, 'hover: ' .. vim.inspect(response.err)) end
    end
  end

  if env('OF_NVIM_TOTALS') == '1' then
    -- The first answers may come before the framework is read: ask until lenses carry titles.
    vim.wait(15000, function()
      out.codeLens = {}
      local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeLens', { textDocument = { uri = uri } }, 5000) or {}
      for _, response in pairs(responses) do
        for _, lens in ipairs(response.result or {}) do
          if not lens.command then
            local resolved = client.request_sync('codeLens/resolve', lens, 5000, buf)
            lens = resolved and resolved.result or lens
          end
          table.insert(out.codeLens, { line = lens.range.start.line, title = lens.command and lens.command.title or '' })
        end
      end
      return #out.codeLens > 0
    end, 100)
    local last = vim.api.nvim_buf_line_count(buf)
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/inlayHint', { textDocument = { uri = uri }, range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } } }, 10000) or {}
    for _, response in pairs(responses) do
      if response.err then table.insert(out.errors, 'inlayHint: ' .. vim.inspect(response.err)) end
      for _, hint in ipairs(response.result or {}) do
        local label = hint.label
        if type(label) == 'table' then
          local parts = {}
          for _, part in ipairs(label) do table.insert(parts, part.value) end
          label = table.concat(parts, '')
        end
        table.insert(out.inlayHints, { line = hint.position.line, label = label })
      end
    end
  end
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(check)
if not ok then table.insert(out.errors, tostring(err)) end
finish()

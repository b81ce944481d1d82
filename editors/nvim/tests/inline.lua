-- Headless check of the model's suggestion in Neovim 0.11 (no vim.lsp.inline_completion: the server adds the
-- suggestion to textDocument/completion for clients that do not announce inline completion), with the real model:
--   nvim --headless -u NONE -l inline.lua <plugin dir> <server cmd> <kb dir> <script.py> <line> <out.json>
-- <line> (1-based) is an empty line of the script. Waits on conditions, never on fixed sleeps.
local plugin, server, kb, file, line, out = unpack(_G.arg)
line = tonumber(line)
vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype on")
local result = {}
local lsp = require("psychopy_lsp")
-- the completion request waits for the model's line (as a user waits on the menu), not the typing budget
lsp.setup({ cmd = { server }, settings = { kbDir = kb, debounceMs = 0, inlineTimeBudgetMs = 60000,
                                           maxTokens = 48, contextSize = 1024 } })
vim.cmd("edit " .. file)
result.attached = vim.wait(60000, function()
  return #vim.lsp.get_clients({ name = "psychopy_lsp", bufnr = 0 }) > 0
end, 50)
local client = vim.lsp.get_clients({ name = "psychopy_lsp", bufnr = 0 })[1]
result.model_ready = vim.wait(300000, function()
  return lsp.status.model == "ready"
end, 50)
result.inline_capability = client and client.server_capabilities.inlineCompletionProvider ~= nil

local response = vim.lsp.buf_request_sync(0, "textDocument/completion", {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = line - 1, character = 0 },
}, 120000)
local item = nil
for _, r in pairs(response or {}) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, candidate in ipairs(items) do
    if candidate.detail == "PsychoPy model suggestion" then
      item = candidate
    end
  end
end
result.item = item and { label = item.label, detail = item.detail, sortText = item.sortText } or vim.NIL
if item then
  -- accepted as Neovim's completion applies an item: its textEdit, in the client's position encoding
  vim.lsp.util.apply_text_edits({ item.textEdit }, vim.api.nvim_get_current_buf(), client.offset_encoding)
  result.accepted = vim.api.nvim_buf_get_lines(0, line - 1, line, false)[1]
end
local f = io.open(out, "w")
f:write(vim.json.encode(result))
f:close()
vim.cmd("qall!")

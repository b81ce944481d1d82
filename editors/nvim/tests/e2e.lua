-- Headless end-to-end check of the plugin against the real server (driven by tests/test_nvim.py):
--   nvim --headless -u NONE -l e2e.lua <plugin dir> <server cmd> <kb dir> <script.py> <out.json>
-- Waits on conditions (vim.wait), never on fixed sleeps. Writes what it saw as JSON.
local plugin, server, kb, file, out = unpack(_G.arg)
vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype on")
local result = { steps = {} }
local function step(name, value)
  result.steps[name] = value
end

local lsp = require("psychopy_lsp")
lsp.setup({ cmd = { server }, settings = { kbDir = kb, debounceMs = 0, modelBackend = "off" } })
vim.cmd("edit " .. file)

local attached = vim.wait(60000, function()
  return #vim.lsp.get_clients({ name = "psychopy_lsp", bufnr = 0 }) > 0
end, 50)
step("attached", attached)
local client = vim.lsp.get_clients({ name = "psychopy_lsp", bufnr = 0 })[1]

-- the server's errors and warnings (its hints, such as a window never closed, are not what this session checks)
local function psy_diagnostics()
  return vim.tbl_filter(function(d)
    return d.source == "psychopy-lsp" and d.severity <= vim.diagnostic.severity.WARN
  end, vim.diagnostic.get(0))
end
vim.wait(120000, function()
  return #psy_diagnostics() > 0
end, 50)
local diags = psy_diagnostics()
step("diagnostics", vim.tbl_map(function(d)
  return { line = d.lnum + 1, code = d.code, message = d.message }
end, diags))
step("status", lsp.statusline())

-- hover on TextStim
local row = vim.fn.search("TextStim")
local col = vim.fn.col(".") - 1
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = row - 1, character = col + 2 },
}, 30000)
local hover_text = ""
for _, r in pairs(hover or {}) do
  if r.result and r.result.contents then
    hover_text = r.result.contents.value or vim.inspect(r.result.contents)
  end
end
step("hover", hover_text)

-- the quick fix for the first diagnostic, applied as Neovim applies a code action's edit
local target = diags[1]
if target then
  local lsp_diag = target.user_data and target.user_data.lsp or nil
  local actions = vim.lsp.buf_request_sync(0, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }, 30000)
  local applied = nil
  for _, r in pairs(actions or {}) do
    for _, action in ipairs(r.result or {}) do
      if action.edit and not applied then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        applied = action.title
      end
    end
  end
  step("applied", applied)
  local code = target.code
  local gone = vim.wait(60000, function()
    local left = vim.tbl_filter(function(d)
      return d.code == code
    end, psy_diagnostics())
    return #left == 0
  end, 50)
  step("fixed_line", vim.api.nvim_buf_get_lines(0, target.lnum, target.lnum + 1, false)[1])
  step("diagnostic_gone", gone)
end

step("commands", vim.tbl_map(function(name)
  return vim.fn.exists(":" .. name) == 2
end, { PsychoPyRun = "PsychoPyRun", PsychoPyAsk = "PsychoPyAsk", PsychoPyExplain = "PsychoPyExplain",
  PsychoPyDoctor = "PsychoPyDoctor" }))

-- psychopy.ask with the model off returns the documentation records themselves
local asked = nil
lsp.execute("psychopy.ask", { { question = "How do I wait for a key press?" } }, function(err, res)
  asked = err and { error = err.message } or res
end)
vim.wait(60000, function()
  return asked ~= nil
end, 50)
step("ask_sources", asked and asked.sources and #asked.sources or 0)

-- settings checked against the server's schema: a typo, a wrong type, a value outside the set; then right ones
step("settings_problems", lsp.check_settings({ debounceMS = 100, maxTokens = "many", modelBackend = "gpt" }))
step("settings_right", lsp.check_settings({ debounceMs = 100, maxTokens = 32, modelBackend = "openai",
                                            checks = { timing = false } }))
step("defaults", lsp.defaults())

-- :checkhealth psychopy_lsp, rendered into a buffer
vim.cmd("checkhealth psychopy_lsp")
step("health", table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n"))

local f = io.open(out, "w")
f:write(vim.json.encode(result))
f:close()
vim.cmd("qall!")

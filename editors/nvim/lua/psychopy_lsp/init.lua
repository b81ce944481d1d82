-- psychopy-lsp for Neovim: launch the server, map settings, register commands. Nothing else lives here:
-- diagnostics, hover, completion and code actions are Neovim's own LSP features talking to the server.
local M = {}

---@class PsychopyLspOpts
---@field cmd? string[] how to start the server (default: `psychopy-lsp` from PATH)
---@field filetypes? string[]
---@field root_markers? string[]
---@field settings? table server settings in camelCase, passed as initializationOptions (README: Settings)
---@field inline_completion? boolean ghost text via vim.lsp.inline_completion on Neovim 0.12+ (default true)
---@field on_status? fun(status: table) called on every psychopy/status notification

M.name = "psychopy_lsp"
M.status = {}

local defaults = {
  cmd = { "psychopy-lsp" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", "setup.py", ".git" },
  settings = {},
  inline_completion = true,
}

local function client()
  return vim.lsp.get_clients({ name = M.name, bufnr = 0 })[1] or vim.lsp.get_clients({ name = M.name })[1]
end

--- Show text in a scratch floating window (answers, doctor output).
local function show(title, text)
  local lines = vim.split(text, "\n", { plain = true })
  vim.lsp.util.open_floating_preview(lines, "markdown", { border = "rounded", title = title, max_width = 100 })
end

local function answer_text(result)
  if type(result) ~= "table" then
    return "no answer"
  end
  local parts = {}
  if result.answer and result.answer ~= vim.NIL then
    table.insert(parts, result.answer)
  elseif result.note and result.note ~= "" then
    table.insert(parts, "_" .. result.note .. "_")
  end
  if result.docs and result.docs ~= "" and (not result.answer or result.answer == vim.NIL) then
    table.insert(parts, result.docs)
  end
  local sources = {}
  for _, s in ipairs(result.sources or {}) do
    table.insert(sources, string.format("[%d] %s", s.n, s.title))
  end
  if #sources > 0 then
    table.insert(parts, "Sources: " .. table.concat(sources, ", "))
  end
  return table.concat(parts, "\n\n")
end

--- Run a workspace command on the server; `done(err, result)`.
function M.execute(command, arguments, done)
  local c = client()
  if not c then
    vim.notify("psychopy-lsp is not running in this buffer", vim.log.levels.WARN)
    return
  end
  c:request("workspace/executeCommand", { command = command, arguments = arguments }, function(err, result)
    if done then
      done(err, result)
    end
  end, 0)
end

function M.run()
  M.execute("psychopy.runScript", { vim.uri_from_bufnr(0) }, function(err, result)
    if err then
      return vim.notify("psychopy.runScript: " .. err.message, vim.log.levels.ERROR)
    end
    local msg = string.format("PsychoPy run: %s (%.1f s)%s", result.status, result.duration_s or 0,
      result.message ~= "" and (" - " .. result.error_type .. ": " .. result.message) or "")
    vim.notify(msg, result.status == "error" and vim.log.levels.ERROR or vim.log.levels.INFO)
  end)
end

--- Write an experiment from `description` (or, empty, from this buffer's docstring or comment block at the
--- cursor, which the server replaces once the script is verified); the report in a floating window.
function M.generate(description)
  local args = { uri = vim.uri_from_bufnr(0) }
  if description and description ~= "" then
    args.description = description
  else
    -- the buffer's leading docstring, or its leading comment lines
    local block, lines = {}, vim.api.nvim_buf_get_lines(0, 0, -1, false)
    local docstring = lines[1] and lines[1]:match('^%s*"""') ~= nil
    for i, line in ipairs(lines) do
      if docstring then
        table.insert(block, (line:gsub('"""', '')))
        if i > 1 and line:match('"""') or (i == 1 and select(2, line:gsub('"""', '')) == 2) then
          break
        end
      elseif line:match("^%s*#") then
        table.insert(block, (line:gsub("^%s*#+%s?", "")))
      else
        break
      end
    end
    args.description = table.concat(block, " ")
    args.lines = { 0, #block }
  end
  vim.notify("psychopy-lsp: writing the experiment (verified by running it)...", vim.log.levels.INFO)
  M.execute("psychopy.generate", { args }, function(err, result)
    if err then
      return vim.notify("psychopy.generate: " .. err.message, vim.log.levels.ERROR)
    end
    local lines = { (result.verified and "VERIFIED: " or "NOT VERIFIED: ") .. result.reason }
    for _, a in ipairs(result.assumptions or {}) do
      table.insert(lines, "assumed: " .. a)
    end
    if result.verified and not result.applied then
      vim.list_extend(lines, { "" })
      vim.list_extend(lines, vim.split(result.code, "\n"))
    end
    show("PsychoPy generate", table.concat(lines, "\n"))
  end)
end

--- Ask the server's answer command and show its answer (or the error) in a floating window.
local function show_answer(command, arguments)
  M.execute(command, arguments, function(err, result)
    if err then
      return vim.notify(command .. ": " .. err.message, vim.log.levels.ERROR)
    end
    show("PsychoPy", answer_text(result))
  end)
end

function M.ask(question)
  if not question or question == "" then
    question = vim.fn.input("Ask the PsychoPy docs: ")
  end
  show_answer("psychopy.ask", { { question = question } })
end

function M.explain(line1, line2)
  local args = {
    uri = vim.uri_from_bufnr(0),
    range = { start = { line = line1 - 1, character = 0 }, ["end"] = { line = line2 - 1, character = 0 } },
  }
  local diagnostics = vim.diagnostic.get(0, { lnum = line1 - 1 })
  if line1 == line2 and #diagnostics > 0 then
    args.diagnostic = { range = args.range, message = diagnostics[1].message }
  end
  show_answer("psychopy.explain", { args })
end

--- `psychopy-lsp doctor` for the knowledge base and interpreter the server is configured with.
---@param extra? string[] more arguments (e.g. { "--json" })
function M.doctor_cmd(extra)
  local config = M.config or {}
  local cmd = vim.deepcopy(config.cmd or { "psychopy-lsp" })
  table.insert(cmd, "doctor")
  vim.list_extend(cmd, extra or {})
  local settings = config.settings or {}
  if settings.kbDir and settings.kbDir ~= "" then
    vim.list_extend(cmd, { "--kb-dir", settings.kbDir })
  end
  if settings.psychopyPython and settings.psychopyPython ~= "" then
    vim.list_extend(cmd, { "--python", settings.psychopyPython })
  end
  return cmd
end

function M.doctor()
  vim.system(M.doctor_cmd(), { text = true }, function(out)
    vim.schedule(function()
      show("psychopy-lsp doctor", (out.stdout or "") .. (out.stderr or ""))
    end)
  end)
end

--- One-line status for a statusline: "PsychoPy: ready, model ready".
function M.statusline()
  local s = M.status
  if not s.state then
    return ""
  end
  return string.format("PsychoPy: %s%s", s.state, s.model and (", model " .. s.model) or "")
end

local function lsp_config(opts)
  return {
    name = M.name,
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = opts.settings,
    settings = { psychopyLsp = opts.settings },
    handlers = {
      ["psychopy/status"] = function(_, status)
        M.status = status or {}
        if opts.on_status then
          opts.on_status(M.status)
        end
        if M.status.state == "error" or M.status.model == "error" then
          vim.notify("psychopy-lsp: " .. (M.status.detail or M.status.modelError or "error"), vim.log.levels.WARN)
        end
      end,
    },
    on_attach = function(c, bufnr)
      if opts.inline_completion and vim.lsp.inline_completion and c:supports_method("textDocument/inlineCompletion") then
        vim.lsp.inline_completion.enable(true, { bufnr = bufnr })
      end
    end,
  }
end

local function commands()
  vim.api.nvim_create_user_command("PsychoPyRun", M.run, { desc = "Run this experiment in the psychopy-lsp sandbox" })
  vim.api.nvim_create_user_command("PsychoPyAsk", function(c)
    M.ask(c.args)
  end, { nargs = "*", desc = "Ask the PsychoPy docs" })
  vim.api.nvim_create_user_command("PsychoPyExplain", function(c)
    M.explain(c.line1, c.line2)
  end, { range = true, desc = "Explain the selected PsychoPy code (or the diagnostic on this line)" })
  vim.api.nvim_create_user_command("PsychoPyGenerate", function(c)
    M.generate(c.args)
  end, { nargs = "?", desc = "Write an experiment from a description (or this buffer's), verified by running it" })
  vim.api.nvim_create_user_command("PsychoPyDoctor", M.doctor, { desc = "Check the psychopy-lsp install" })
end

local LUA_TYPES = { string = "string", boolean = "boolean", integer = "number", number = "number", object = "table" }

--- Problems with `settings` against the server's schema (lua/psychopy_lsp/settings.lua, generated from the
--- server): unknown names (typos), wrong types, values outside a closed set. Shown at setup and by :checkhealth.
---@param settings table
---@return string[]
function M.check_settings(settings)
  local schema = require("psychopy_lsp.settings")
  local problems = {}
  for name, value in pairs(settings or {}) do
    local entry = schema[name]
    if not entry then
      table.insert(problems, string.format("unknown setting `%s`", name))
    elseif type(value) ~= LUA_TYPES[entry.type] or (entry.type == "integer" and value % 1 ~= 0) then
      table.insert(problems, string.format("setting `%s` should be %s, got %s", name, entry.type, vim.inspect(value)))
    elseif entry.enum and not vim.tbl_contains(entry.enum, value) then
      table.insert(problems, string.format("setting `%s` must be one of %s", name, table.concat(entry.enum, ", ")))
    end
  end
  table.sort(problems)
  return problems
end

--- The server's defaults for every setting (what an unset setting means).
function M.defaults()
  local out = {}
  for name, entry in pairs(require("psychopy_lsp.settings")) do
    out[name] = vim.deepcopy(entry.default)
  end
  return out
end

---@param opts? PsychopyLspOpts
function M.setup(opts)
  opts = vim.tbl_deep_extend("force", defaults, opts or {})
  M.config = opts
  for _, problem in ipairs(M.check_settings(opts.settings)) do
    vim.notify("psychopy-lsp: " .. problem, vim.log.levels.WARN)
  end
  local config = lsp_config(opts)
  if vim.lsp.config and vim.lsp.enable then -- Neovim 0.11+
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
  else -- 0.10: start per buffer
    vim.api.nvim_create_autocmd("FileType", {
      pattern = opts.filetypes,
      callback = function(args)
        local root = vim.fs.root(args.buf, opts.root_markers) or vim.fn.getcwd()
        vim.lsp.start(vim.tbl_extend("force", config, { root_dir = root }), { bufnr = args.buf })
      end,
    })
  end
  commands()
end

return M

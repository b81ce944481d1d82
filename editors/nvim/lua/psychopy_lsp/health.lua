-- :checkhealth psychopy_lsp
local M = {}

function M.check()
  local health = vim.health
  health.start("psychopy-lsp")
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("Neovim " .. tostring(vim.version()) .. " (vim.lsp.config / vim.lsp.enable)")
  elseif vim.fn.has("nvim-0.10") == 1 then
    health.warn("Neovim 0.10: falling back to vim.lsp.start; 0.11+ is recommended")
  else
    health.error("Neovim 0.10 or newer is needed")
  end
  if vim.lsp.inline_completion then
    health.ok("inline completion (ghost text) available")
  else
    health.info("no vim.lsp.inline_completion (Neovim 0.12+): model suggestions come as completion items")
  end
  local config = (require("psychopy_lsp").config or {})
  local problems = require("psychopy_lsp").check_settings(config.settings or {})
  if #problems == 0 then
    health.ok("settings: " .. vim.tbl_count(config.settings or {}) .. " set, all known to the server")
  else
    for _, problem in ipairs(problems) do
      health.warn("settings: " .. problem, { "the names and types: `psychopy-lsp settings` (README: Settings)" })
    end
  end
  local cmd = config.cmd or { "psychopy-lsp" }
  if vim.fn.executable(cmd[1]) ~= 1 then
    health.error(cmd[1] .. " not found", { "run `make demo` in the psychopy-lsp repo, or set cmd in setup()" })
    return
  end
  health.ok("server: " .. vim.fn.exepath(cmd[1]))
  -- the knowledge base and interpreter the server is configured with, not the defaults
  local doctor = require("psychopy_lsp").doctor_cmd({ "--json" })
  local out = vim.system(doctor, { text = true }):wait(120000)
  local ok, report = pcall(vim.json.decode, out.stdout or "")
  if not ok or type(report) ~= "table" then
    health.error("`psychopy-lsp doctor --json` failed: " .. (out.stderr or ""))
    return
  end
  -- the sandbox that runs experiments: what it walls off here, in words, before the raw checks
  local sandbox = report.sandbox
  if type(sandbox) == "table" and sandbox.status then
    local walls = {}
    for key, label in pairs({ network_isolated = "network", filesystem_isolated = "file system",
                              pid_isolated = "other processes" }) do
      table.insert(walls, label .. (sandbox[key] and " isolated" or " NOT isolated"))
    end
    table.sort(walls)
    local line = "sandbox isolation: " .. table.concat(walls, ", ") .. (sandbox.via and (" (via " .. sandbox.via .. ")") or "")
    if sandbox.status == "ok" then
      health.ok(line)
    else
      health.warn(line, sandbox.fix)
    end
  end
  local names = vim.tbl_keys(report)
  table.sort(names)
  for _, name in ipairs(names) do
    local check = report[name]
    if type(check) == "table" and check.status then
      local detail = vim.deepcopy(check)
      detail.status, detail.fix = nil, nil
      local line = name .. ": " .. vim.inspect(detail, { newline = " ", indent = "" })
      if check.status == "ok" then
        health.ok(line)
      elseif check.status == "warn" then
        health.warn(line, check.fix)
      else
        health.error(line, check.fix)
      end
    end
  end
end

return M

// Unit tests of the pure parts (settings mapping, command arguments) and of the command wiring, on the compiled
// output: `npm run compile && npm test`.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { doctorArgs, initializationOptions, serverCommand, statusText } = require("../out/settings");
const { COMMANDS, answerMarkdown, askArgs, explainArgs, generateArgs, runArgs, shouldRetrigger } = require("../out/commands");

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
const props = pkg.contributes.configuration.properties;

test("every server setting is passed through, the client's own are not", () => {
  const values = { modelBackend: "off", maxTokens: 32, serverPath: "/x/psychopy-lsp" };
  const options = initializationOptions(props, (key) => (key in values ? values[key] : props[`psychopyLsp.${key}`].default));
  assert.strictEqual(options.modelBackend, "off");
  assert.strictEqual(options.maxTokens, 32);
  assert.ok(!("serverPath" in options));
  assert.strictEqual(Object.keys(options).length, Object.keys(props).length - 1);
});

test("unset settings are left to the server's defaults", () => {
  assert.deepStrictEqual(initializationOptions(props, () => undefined), {});
});

test("server command: explicit path, then the selected Python, then PATH", () => {
  assert.deepStrictEqual(serverCommand("/opt/psychopy-lsp", "/usr/bin/python3"), { command: "/opt/psychopy-lsp", args: [] });
  assert.deepStrictEqual(serverCommand("", "/venv/bin/python"), { command: "/venv/bin/python", args: ["-m", "psychopy_lsp.server.cli"] });
  assert.deepStrictEqual(serverCommand("", undefined), { command: "psychopy-lsp", args: [] });
});

test("status bar text", () => {
  assert.strictEqual(statusText({ state: "ready", model: "ready" }), "PsychoPy: ready · model ready");
  assert.strictEqual(statusText({ state: "building", model: "off" }), "PsychoPy: building");
});

test("command arguments match what the server's commands take", () => {
  assert.deepStrictEqual(runArgs("file:///a.py"), ["file:///a.py"]);
  const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } };
  assert.deepStrictEqual(explainArgs("file:///a.py", range), [{ uri: "file:///a.py", range }]);
  assert.deepStrictEqual(explainArgs("file:///a.py", range, "bad")[0].diagnostic, { range, message: "bad" });
  assert.deepStrictEqual(askArgs("  how?  "), [{ question: "how?" }]);
  assert.deepStrictEqual(generateArgs(" a red circle; press f ", "file:///x.py"),
    [{ description: "a red circle; press f", uri: "file:///x.py" }]);
  assert.deepStrictEqual(generateArgs("a red circle"), [{ description: "a red circle" }]);
});

test("answers show the model's text, or the docs when the model is off, with sources", () => {
  const sources = [{ n: 1, title: "psychopy.event.waitKeys" }];
  assert.match(answerMarkdown("q", { answer: "Use waitKeys [1]", sources }), /Use waitKeys \[1\][\s\S]*Sources: \[1\] psychopy.event.waitKeys/);
  assert.match(answerMarkdown("q", { answer: null, note: "the model is off", docs: "**[1] waitKeys**", sources }), /model is off[\s\S]*\*\*\[1\] waitKeys\*\*/);
});

test("every contributed command is registered by the extension and maps to a known server command", () => {
  const source = fs.readFileSync(path.join(__dirname, "..", "src", "extension.ts"), "utf8");
  for (const { command } of pkg.contributes.commands) {
    assert.ok(source.includes(`register("${command}"`), `${command} is not registered`);
    assert.ok(command in COMMANDS, `${command} has no entry in COMMANDS`);
  }
});

test("doctor checks the knowledge base and interpreter the server is configured with", () => {
  assert.deepStrictEqual(doctorArgs([], {}), ["doctor"]);
  assert.deepStrictEqual(doctorArgs(["-m", "psychopy_lsp.server.cli"], { kbDir: "/kb", psychopyPython: "/py" }),
    ["-m", "psychopy_lsp.server.cli", "doctor", "--kb-dir", "/kb", "--python", "/py"]);
});

test("a late suggestion re-asks only for the same document, version and cursor", () => {
  const ready = { uri: "file:///a.py", version: 3, position: { line: 7, character: 0 } };
  assert.ok(shouldRetrigger(ready, "file:///a.py", 3, { line: 7, character: 0 }));
  assert.ok(!shouldRetrigger(ready, "file:///a.py", 4, { line: 7, character: 0 }));  // typed since
  assert.ok(!shouldRetrigger(ready, "file:///a.py", 3, { line: 8, character: 0 }));  // moved away
  assert.ok(!shouldRetrigger(ready, "file:///b.py", 3, { line: 7, character: 0 }));  // another file
});

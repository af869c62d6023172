// chanlab's run worker, and its processes. The first message carries the
// compiled runner.wasm module: either the module itself (from the page,
// which compiles it once for every worker it starts), or {module, argv}
// from the page asking the worker to warm up first (argv holds
// runner.WarmArg), or {module, argv, port} (from a run worker starting a
// process: argv says what to do, port is the process's end of its pipe, if
// it has one). This script
// instantiates the module; the Go program then takes over onmessage (a run
// worker answers with a Ready message) or does its job and exits (a
// process). If the Go program exits, the last lines it wrote are posted as
// {exited, output}: for a run worker that means its runtime died (an
// unrecovered panic, a fatal error).
"use strict";
// Relative to this script (web/runner.js), so that it works wherever
// chanlab is served from, at a host's root or under a sub-path. Started
// from a blob (in a page with an opaque origin: see app/runners_wasm.go),
// this script's URL is self.chanlabScript: paths would otherwise resolve
// against the blob's URL.
importScripts(new URL("../wasm_exec.js", self.chanlabScript || self.location.href).href);

// Keep the tail of what the Go program writes to stdout and stderr.
const decoder = new TextDecoder();
let output = "";
const writeSync = globalThis.fs.writeSync;
globalThis.fs.writeSync = function (fd, buf) {
	output = (output + decoder.decode(buf)).slice(-4000);
	return writeSync.call(this, fd, buf);
};

self.onmessage = async (event) => {
	const data = event.data;
	const module = data instanceof WebAssembly.Module ? data : data && data.module;
	if (!(module instanceof WebAssembly.Module)) {
		return; // nothing else is sent before the Go program runs
	}
	// For the Go program: to start processes of its own, and to answer
	// over a pipe.
	self.chanlabModule = module;
	if (data.port) {
		self.chanlabPort = data.port;
	}
	const go = new Go();
	if (data.argv) {
		go.argv = data.argv;
	}
	const instance = await WebAssembly.instantiate(module, go.importObject);
	await go.run(instance);
	self.postMessage({ exited: true, output });
};

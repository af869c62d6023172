// chanlab's run worker. The page posts the compiled runner.wasm module
// first (it compiles it once for every worker it starts); this script
// instantiates it, and the Go program then takes over onmessage and
// answers with a Ready message. If the Go program exits (a runtime fatal
// error: an unrecovered panic, a deadlock of every goroutine), the last
// lines it wrote are posted to the page as {exited, output}.
"use strict";
importScripts("/wasm_exec.js");

// Keep the tail of what the Go program writes to stdout and stderr.
const decoder = new TextDecoder();
let output = "";
const writeSync = globalThis.fs.writeSync;
globalThis.fs.writeSync = function (fd, buf) {
	output = (output + decoder.decode(buf)).slice(-4000);
	return writeSync.call(this, fd, buf);
};

self.onmessage = async (event) => {
	if (!(event.data instanceof WebAssembly.Module)) {
		return; // nothing else is sent before the Go program is Ready
	}
	const go = new Go();
	const instance = await WebAssembly.instantiate(event.data, go.importObject);
	await go.run(instance);
	self.postMessage({ exited: true, output });
};

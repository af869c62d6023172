// chanlab in a frame sandboxed without allow-same-origin (the embed snippet's
// sandbox="allow-scripts allow-popups"). The page then has an opaque origin:
// reading window.localStorage or sessionStorage throws a SecurityError, and
// go-app reads both when it starts (its state store's cleanup) — a throwing
// getter kills the Go program. This script runs before go-app's app.js and
// the Go program (a plain <script> in the head, where go-app's own scripts
// are deferred) and, only where the browser refuses storage, puts an
// in-memory storage in its place for the page's lifetime.
"use strict";
(() => {
	// An opaque origin has no storage, no service worker, no cookies.
	if (self.origin !== "null") {
		return;
	}

	// memoryStorage behaves like the Storage interface (getItem, setItem,
	// removeItem, clear, key, length, Object.keys listing the keys) and
	// forgets everything when the page goes.
	const memoryStorage = () => {
		const items = new Map();
		const api = {
			getItem: (k) => (items.has(String(k)) ? items.get(String(k)) : null),
			setItem: (k, v) => { items.set(String(k), String(v)); },
			removeItem: (k) => { items.delete(String(k)); },
			clear: () => { items.clear(); },
			key: (i) => (i >= 0 && i < items.size ? [...items.keys()][i] : null),
			get length() { return items.size; },
		};
		// go-app's cleanup walks Object.keys(localStorage), as with a real
		// Storage whose items are its properties.
		return new Proxy(api, {
			ownKeys: () => [...items.keys()],
			getOwnPropertyDescriptor: (_, k) => (items.has(k) ? { value: items.get(k), enumerable: true, configurable: true } : undefined),
		});
	};
	for (const name of ["localStorage", "sessionStorage"]) {
		try {
			void self[name];
			continue; // readable: leave it to the browser
		} catch {
			// A SecurityError: replace it, below.
		}
		Object.defineProperty(self, name, { value: memoryStorage(), configurable: true, enumerable: true });
	}

	// Service workers need an origin: navigator.serviceWorker exists but
	// throws when read. go-app's app.js registers one if the property is
	// there, and logs the failure as a console error; without it, go-app
	// skips the service worker, as in a browser that has none.
	if (self.Navigator && "serviceWorker" in Navigator.prototype) {
		delete Navigator.prototype.serviceWorker;
	}
})();

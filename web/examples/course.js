// The sample course page's script: it sizes chanlab's frames and drives the
// first one through the embed's message API (see chanlab's README).
(() => {
  const query = new URLSearchParams(location.search);
  // chanlab's address, with the path it is served under if any:
  // ?chanlab=https://chanlab.example or https://you.github.io/chanlab, or
  // else the chanlab that serves this page, as web/examples/course.html.
  const param = query.get("chanlab");
  const root = new URL(param ? param.replace(/\/*$/, "/") : "../../", location.href);
  const chanlab = root.origin;
  const prodcons = document.getElementById("prodcons");
  const pipeline = document.getElementById("pipeline");
  // ?sandbox=… tries the frames with other sandbox flags ("none": none).
  if (query.has("sandbox")) {
    for (const f of [prodcons, pipeline]) {
      if (query.get("sandbox") === "none") f.removeAttribute("sandbox");
      else f.setAttribute("sandbox", query.get("sandbox"));
    }
  }
  // A frame sandboxed without allow-same-origin has the opaque origin
  // "null": its messages come from "null", and a message to it cannot name
  // its origin (the knobs are no secret, so "*").
  const opaque = prodcons.hasAttribute("sandbox") && !prodcons.sandbox.contains("allow-same-origin");
  const frameOrigin = opaque ? "null" : chanlab;
  prodcons.src = new URL("embed/prodcons?buffer=1&duration=2s", root).href;
  pipeline.src = new URL("embed/fanout", root).href;

  const said = document.getElementById("said");
  const buttons = ["run-1", "run-10", "stop"].map((id) => document.getElementById(id));
  const send = (msg) => prodcons.contentWindow.postMessage(msg, opaque ? "*" : chanlab);
  const run = (buffer) => { send({type: "chanlab:set", knobs: {buffer: buffer}}); send({type: "chanlab:run"}); };
  buttons[0].onclick = () => run(1);
  buttons[1].onclick = () => run(10);
  buttons[2].onclick = () => send({type: "chanlab:stop"});

  const rows = document.querySelector("#runs tbody");
  window.addEventListener("message", (event) => {
    // Only chanlab's frames, from their origin.
    if (event.origin !== frameOrigin) return;
    const frame = [prodcons, pipeline].find((f) => f.contentWindow === event.source);
    const m = event.data;
    if (!frame || !m || typeof m.type !== "string") return;
    switch (m.type) {
    case "chanlab:height":
      frame.style.height = Math.min(Math.max(m.height, 320), 3000) + "px";
      break;
    case "chanlab:ready":
      frame.dataset.ready = m.pattern;
      if (frame === prodcons) { buttons.forEach((b) => (b.disabled = false)); said.textContent = "chanlab is ready."; }
      break;
    case "chanlab:started":
      // The embed takes no knobs and no second run until this one has
      // finished: its Run buttons wait too.
      if (frame === prodcons) { said.textContent = "Running with " + m.knobs + "…"; buttons[0].disabled = buttons[1].disabled = true; }
      break;
    case "chanlab:knobs":
      if (frame === prodcons && m.problems.length) said.textContent = m.problems.join(" ");
      break;
    case "chanlab:finished": {
      if (frame !== prodcons) break;
      said.textContent = m.status;
      buttons[0].disabled = buttons[1].disabled = false;
      const q = (m.queues || [])[0] || {};
      const tr = document.createElement("tr");
      for (const v of [q.cap, Math.round(m.elapsedMs), m.metrics.consumed ?? "—", (q.p50Ms || 0).toFixed(1), (q.p95Ms || 0).toFixed(1), Math.round(q.fullMs || 0)]) {
        const td = document.createElement("td");
        td.textContent = String(v);
        tr.appendChild(td);
      }
      rows.appendChild(tr);
      document.getElementById("runs").hidden = false;
      break;
    }
    }
  });
})();

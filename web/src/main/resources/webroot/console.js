// Live updates for the console. The pages work without it; this only refreshes what changes.
"use strict";

function confirmBeforeSubmit() {
  document.querySelectorAll("[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
}

// Redraws a sparkline from its values, scaled between the least and the greatest, as the server does.
function drawSparkline(figure, values) {
  const width = 240, height = 40, pad = 3;
  const least = Math.min(...values), greatest = Math.max(...values);
  const points = values.map((v, i) => {
    const x = values.length === 1 ? width / 2 : pad + (width - 2 * pad) * i / (values.length - 1);
    const y = greatest === least ? height / 2 : height - pad - (height - 2 * pad) * (v - least) / (greatest - least);
    return x.toFixed(1) + "," + y.toFixed(1);
  });
  figure.querySelector("polyline").setAttribute("points", points.join(" "));
  const [lastX, lastY] = points[points.length - 1].split(",");
  figure.querySelector("circle").setAttribute("cx", lastX);
  figure.querySelector("circle").setAttribute("cy", lastY);
  figure.dataset.values = values.join(",");
  figure.querySelector(".last").textContent = String(values[values.length - 1]);
}

function sparklineFor(step, reading) {
  let check = document.querySelector('#checks .check[data-step="' + step + '"]');
  if (!check) {
    check = document.createElement("div");
    check.className = "check";
    check.dataset.step = String(step);
    const title = document.createElement("h3");
    title.textContent = "Step " + step;
    check.appendChild(title);
    document.getElementById("checks").appendChild(check);
  }
  let figure = check.querySelector("figure.sparkline");
  if (!figure) {
    const svgNs = "http://www.w3.org/2000/svg";
    figure = document.createElement("figure");
    figure.className = "sparkline";
    figure.dataset.values = "";
    const svg = document.createElementNS(svgNs, "svg");
    svg.setAttribute("viewBox", "0 0 240 40");
    svg.setAttribute("width", "240");
    svg.setAttribute("height", "40");
    svg.appendChild(document.createElementNS(svgNs, "polyline"));
    const dot = document.createElementNS(svgNs, "circle");
    dot.setAttribute("r", "2.5");
    svg.appendChild(dot);
    const caption = document.createElement("figcaption");
    const code = document.createElement("code");
    code.textContent = reading;
    const last = document.createElement("strong");
    last.className = "last";
    caption.append(code, " now ", last);
    figure.append(svg, caption);
    check.insertBefore(figure, check.children[1] || null);
  }
  return figure;
}

function showPoll(poll) {
  const item = document.createElement("li");
  item.className = "live " + poll.verdict.replace(/ /g, "-");
  const verdict = document.createElement("strong");
  verdict.textContent = poll.verdict;
  const observed = document.createElement("code");
  observed.textContent = poll.observed;
  item.append("step " + poll.step + ", attempt " + poll.attempt + ", poll " + poll.poll + " · ", verdict, " · ", observed);
  document.getElementById("live-checks").appendChild(item);
  const empty = document.getElementById("no-checks");
  if (empty) {
    empty.remove();
  }
  if (typeof poll.value === "number") {
    const figure = sparklineFor(poll.step, poll.reading);
    const values = figure.dataset.values ? figure.dataset.values.split(",").map(Number) : [];
    values.push(poll.value);
    drawSparkline(figure, values);
  }
}

// True while a person is writing in the region: it is left as it is until they are done.
function typedInto(region) {
  if (region.contains(document.activeElement) && document.activeElement !== document.body) {
    return true;
  }
  return Array.from(region.querySelectorAll("textarea, input[type=text]")).some((field) => field.value !== "");
}

// Fetches the page again and puts its fresh regions ([data-region], by id) in place of the old
// ones, keeping which <details> a person opened; forms outside the regions get the fresh CSRF
// token. Resolves to the fetched document.
function refreshRegions() {
  return fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
    .then((html) => {
      const fresh = new DOMParser().parseFromString(html, "text/html");
      const opened = new Map();
      document.querySelectorAll("details[data-key]").forEach((d) => opened.set(d.dataset.key, d.open));
      document.querySelectorAll("[data-region]").forEach((region) => {
        const replacement = fresh.getElementById(region.id);
        if (replacement && !typedInto(region)) {
          region.replaceWith(document.importNode(replacement, true));
        }
      });
      document.querySelectorAll("details[data-key]").forEach((d) => {
        if (opened.has(d.dataset.key)) {
          d.open = opened.get(d.dataset.key);
        }
      });
      const token = fresh.querySelector('input[name="X-XSRF-TOKEN"]');
      if (token) {
        document.querySelectorAll('input[name="X-XSRF-TOKEN"]').forEach((input) => { input.value = token.value; });
      }
      document.dispatchEvent(new CustomEvent("twops:refreshed"));
      return fresh;
    });
}

// Follows a live execution: polls land in place; a finished step, a new question or the end of
// the run refresh the page's regions, a moment later so the last poll shows.
function followExecution() {
  const page = document.querySelector("[data-events]");
  if (!page || !window.EventSource) {
    return;
  }
  const source = new EventSource(page.dataset.events + "?after=" + page.dataset.after);
  let pending = null;
  const refreshSoon = () => {
    if (pending === null) {
      pending = window.setTimeout(() => {
        pending = null;
        refreshRegions().then((fresh) => {
          const live = fresh.querySelector("[data-events]");
          if (!live) {
            source.close();
          }
        }).catch(() => window.location.reload());
      }, 1200);
    }
  };
  source.addEventListener("poll", (event) => showPoll(JSON.parse(event.data)));
  source.addEventListener("step-started", (event) => {
    const step = JSON.parse(event.data);
    const now = document.getElementById("now");
    if (now) {
      now.textContent = "Running step " + step.step + (step.attempt > 1 ? " (attempt " + step.attempt + ")" : "") + ": " + step.action;
    }
  });
  ["step-finished", "question", "answered", "abort-requested"].forEach((type) => source.addEventListener(type, refreshSoon));
  source.addEventListener("finished", () => {
    source.close();
    refreshSoon();
  });
}

// Follows a page that refreshes itself (an incident, the alerts): the server says when what it
// shows changed, and the page fetches itself again.
function followPage() {
  const page = document.querySelector("[data-live]");
  if (!page || !window.EventSource) {
    return;
  }
  const source = new EventSource(page.dataset.live + "?version=" + encodeURIComponent(page.dataset.version));
  source.addEventListener("changed", () => {
    refreshRegions().catch(() => {});
  });
  source.addEventListener("revoked", () => source.close());
}

document.addEventListener("DOMContentLoaded", () => {
  confirmBeforeSubmit();
  followExecution();
  followPage();
});

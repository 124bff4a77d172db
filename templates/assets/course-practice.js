// Self-checks and exercises that answer back, and progress kept in this browser only.
// Every exercise is plain HTML that works without this script: the question, its choices and the
// answer folded in a <details> (templates/partials/practice.md.j2). The script hides the fold,
// shows the buttons, checks an answer against the exercise's data-answer, says in words whether it
// is right in the exercise's aria-live region, followed by the answer and links to the claims it
// tests, and remembers {exercise: section, right} in localStorage ("course-practice"). The Practice
// page shows that progress per section and can forget it. Nothing is sent anywhere.
(() => {
  const KEY = "course-practice";
  const load = () => {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (error) { return {}; }
  };
  const save = store => {
    try { localStorage.setItem(KEY, JSON.stringify(store)); } catch (error) { /* private mode: not kept */ }
  };
  const id = el => `${el.dataset.reading}/${el.dataset.exercise}`;

  const record = (el, right) => {
    el.querySelectorAll(".exercise-before").forEach(note => note.remove());
    const store = load();
    store[id(el)] = { reading: el.dataset.reading, section: el.dataset.section, right };
    save(store);
    showProgress();
  };

  // The verdict in words, then the answer and its claims (copied from the fold).
  const say = (el, verdict, withAnswer = true) => {
    const box = el.querySelector(".exercise-feedback");
    const line = document.createElement("p");
    line.className = "exercise-verdict";
    line.textContent = verdict;
    box.replaceChildren(line);
    if (!withAnswer) return;
    for (const child of el.querySelector(".exercise-answer").children) {
      if (child.tagName !== "SUMMARY") box.append(child.cloneNode(true));
    }
  };

  const answer = el => (el.dataset.answer || "").split(" ").filter(Boolean);
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  const checks = {
    single(el, input) {
      const right = input.value === answer(el)[0];
      const chosen = input.closest("label").textContent.trim();
      say(el, right ? `Right: “${chosen}” is the answer.` : `Not right: “${chosen}” is not the answer.`);
      record(el, right);
    },
    multiple(el) {
      const chosen = [...el.querySelectorAll("input:checked")].map(input => input.value);
      if (!chosen.length) return say(el, "Choose at least one answer first.", false);
      const wanted = answer(el);
      const hits = chosen.filter(key => wanted.includes(key)).length;
      const right = hits === wanted.length && chosen.length === hits;
      say(el, right ? "Right: you chose every one the paper gives, and no other."
        : `Not quite: you chose ${hits} of the ${wanted.length} right answers and ${count(chosen.length - hits, "other", "others")}.`);
      record(el, right);
    },
    order(el) {
      const now = [...el.querySelectorAll(".exercise-order > li")].map(li => li.dataset.key);
      const wanted = answer(el);
      const placed = now.filter((key, i) => key === wanted[i]).length;
      const right = placed === wanted.length;
      say(el, right ? "Right: this is the paper's order."
        : `Not quite: ${placed} of ${wanted.length} moves are in their place.`);
      record(el, right);
    },
    map(el) {
      const blanks = [...el.querySelectorAll("select[data-blank]")];
      if (blanks.every(select => !select.value)) return say(el, "Choose a claim for each blank first.", false);
      const hits = blanks.filter(select => select.value === select.dataset.answer).length;
      const right = hits === blanks.length;
      say(el, right ? "Right: every blank holds the claim the map has there."
        : `Not quite: ${hits} of ${blanks.length} blanks hold the claim the map has there.`);
      record(el, right);
    },
    open(el) {
      say(el, "Compare your answer with the model answer:");
      record(el, null);
    },
  };

  const move = (el, button) => {
    const item = button.closest("li");
    const step = Number(button.dataset.move);
    const other = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    const items = () => [...item.parentElement.children];
    if (!other) {
      say(el, step < 0 ? "This move is already first." : "This move is already last.", false);
      return;
    }
    other.insertAdjacentElement(step < 0 ? "beforebegin" : "afterend", item);
    button.focus();
    say(el, `Moved to place ${items().indexOf(item) + 1} of ${items().length}.`, false);
  };

  // What this browser remembers of an earlier answer, said once under the question (not spoken).
  const remembered = el => {
    const before = load()[id(el)];
    if (!before) return;
    const note = document.createElement("p");
    note.className = "exercise-before";
    note.textContent = before.right === null ? "You compared an answer with the model answer before."
      : `You answered this before: ${before.right ? "right" : "not right"}.`;
    el.querySelector(".exercise-feedback").before(note);
  };

  const setUp = el => {
    el.querySelector(".exercise-answer").hidden = true;
    remembered(el);
    el.querySelectorAll("[hidden].exercise-check, [hidden].exercise-move-buttons").forEach(b => { b.hidden = false; });
    const mode = el.dataset.mode;
    if (mode === "single") el.addEventListener("change", event => checks.single(el, event.target));
    el.addEventListener("click", event => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.move) move(el, button);
      else if (button.classList.contains("exercise-check")) checks[mode](el);
    });
  };

  const showProgress = () => {
    const line = document.querySelector(".practice-section-progress");
    if (line) {
      const mine = Object.values(load()).filter(e => e.reading === line.dataset.reading && e.section === line.dataset.section);
      line.textContent = `In this browser you have answered ${mine.length} of the section's ${line.dataset.total} `
        + `self-checks and exercises, ${mine.filter(e => e.right === true).length} of them right.`;
      line.hidden = false;
    }
    const table = document.querySelector(".practice-progress");
    if (!table) return;
    const done = Object.values(load()).filter(entry => entry.reading === table.dataset.reading);
    table.querySelectorAll("tr[data-section]").forEach(row => {
      const mine = done.filter(entry => entry.section === row.dataset.section);
      row.querySelector(".practice-answered").textContent = `${mine.length} of ${row.dataset.total}`;
      row.querySelector(".practice-right").textContent = String(mine.filter(entry => entry.right === true).length);
    });
  };

  const forget = table => {
    const store = load();
    for (const key of Object.keys(store)) if (store[key].reading === table.dataset.reading) delete store[key];
    save(store);
    document.querySelectorAll(".exercise").forEach(el => {
      el.querySelectorAll("input").forEach(input => { input.checked = false; });
      el.querySelectorAll("select").forEach(select => { select.value = ""; });
      el.querySelectorAll("textarea").forEach(area => { area.value = ""; });
      el.querySelector(".exercise-feedback").replaceChildren();
      el.querySelectorAll(".exercise-before").forEach(note => note.remove());
    });
    showProgress();
    table.querySelector(".practice-status").textContent = "Your answers to this reading are forgotten.";
  };

  document.querySelectorAll(".exercise[data-exercise]").forEach(setUp);
  showProgress();
  const table = document.querySelector(".practice-progress");
  if (table) {
    const reset = table.querySelector(".practice-reset");
    reset.hidden = false;
    reset.addEventListener("click", () => forget(table));
  }
})();

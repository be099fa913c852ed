/* The module's quiz inside a SCORM 1.2 package: draws questions from the pool, grades
   them as the platform does (trainer/modules/quizzes/grading.py) and reports status,
   score and interactions to the LMS's API. Needs nothing outside the package. */
(function () {
  "use strict";
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var form = document.getElementById("quiz-form");
  var result = document.getElementById("quiz-result");
  var again = document.getElementById("quiz-again");
  var error = document.getElementById("quiz-error");
  var api = findApi();
  var started = Date.now();
  var drawn = [];
  var finished = false;

  /* The LMS's API object: in this window, a parent frame or the window that opened it. */
  function findApi() {
    var places = [window];
    if (window.opener) places.push(window.opener);
    for (var p = 0; p < places.length; p++) {
      var win = places[p];
      for (var depth = 0; win && depth < 10; depth++) {
        try {
          if (win.API) return win.API;
        } catch (ignored) { /* a frame of another origin */ }
        if (win.parent === win) break;
        win = win.parent;
      }
    }
    return null;
  }

  function set(element, value) {
    if (api) api.LMSSetValue(element, String(value));
  }

  function sessionTime() {
    var seconds = Math.round((Date.now() - started) / 1000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(Math.floor(seconds / 3600)) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
  }

  function begin() {
    if (!api) return;
    api.LMSInitialize("");
    var status = api.LMSGetValue("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") {
      set("cmi.core.lesson_status", "incomplete");
      api.LMSCommit("");
    }
  }

  function finish() {
    if (!api || finished) return;
    finished = true;
    set("cmi.core.session_time", sessionTime());
    api.LMSFinish("");
  }

  function shuffled(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var held = copy[i]; copy[i] = copy[j]; copy[j] = held;
    }
    return copy;
  }

  function item(question) {
    return form.querySelector('[data-question="' + question.id + '"]');
  }

  function draw() {
    drawn = shuffled(data.questions).slice(0, data.draw);
    var list = form.querySelector(".questions");
    Array.prototype.forEach.call(list.children, function (li) { li.hidden = true; });
    drawn.forEach(function (question, index) {
      var li = item(question);
      list.appendChild(li);  // in the order drawn
      li.hidden = false;
      li.querySelector(".question-number").textContent = data.words.question.replace("{number}", index + 1);
      var steps = li.querySelector(".steps");
      if (steps) shuffled(Array.prototype.slice.call(steps.children)).forEach(function (s) { steps.appendChild(s); });
      reset(li);
    });
    form.hidden = false;
    result.hidden = true;
    again.hidden = true;
    error.hidden = true;
  }

  function reset(li) {
    li.querySelectorAll("input").forEach(function (input) { input.checked = false; input.disabled = false; });
    li.querySelectorAll("select").forEach(function (select) { select.value = ""; select.disabled = false; });
    var feedback = li.querySelector(".question-feedback");
    feedback.hidden = true;
    feedback.innerHTML = "";
  }

  /* Option ids chosen, or step ids in the order the positions give; null if unanswered. */
  function response(question) {
    var li = item(question);
    if (question.kind === "ordering") {
      var selects = Array.prototype.slice.call(li.querySelectorAll("select"));
      if (selects.some(function (s) { return s.value === ""; })) return null;
      selects.sort(function (a, b) { return Number(a.value) - Number(b.value); });
      return selects.map(function (s) { return Number(s.dataset.option); });
    }
    var chosen = Array.prototype.map.call(li.querySelectorAll("input:checked"), function (i) { return Number(i.value); });
    return chosen.length ? chosen : null;
  }

  function grade(question, chosen) {
    var answer = question.answer;
    if (question.kind === "ordering") {
      var inPlace = chosen.filter(function (step, i) { return step === answer[i]; }).length;
      return inPlace / answer.length;
    }
    if (question.kind === "multiple") {
      var right = chosen.filter(function (id) { return answer.indexOf(id) >= 0; }).length;
      return Math.max(0, right - (chosen.length - right)) / answer.length;
    }
    return chosen.length === answer.length && chosen.every(function (id, i) { return id === answer[i]; }) ? 1 : 0;
  }

  function letters(ids) {
    return ids.map(function (id) { return LETTERS.charAt(id - 1); }).join(",");
  }

  function report(graded, score, passed) {
    if (!api) return;
    var first = Number(api.LMSGetValue("cmi.interactions._count")) || 0;
    graded.forEach(function (g, i) {
      var prefix = "cmi.interactions." + (first + i) + ".";
      set(prefix + "id", g.question.id);
      set(prefix + "type", g.question.kind === "ordering" ? "sequencing" : "choice");
      set(prefix + "weighting", 1);
      set(prefix + "student_response", letters(g.chosen));
      set(prefix + "correct_responses.0.pattern", letters(g.question.answer));
      set(prefix + "result", g.score === 1 ? "correct" : "wrong");
    });
    var earlierPass = api.LMSGetValue("cmi.core.lesson_status") === "passed";
    if (passed || !earlierPass) {  // a failed retake leaves an earlier pass standing
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", score);
      set("cmi.core.lesson_status", passed ? "passed" : "failed");
    }
    set("cmi.core.session_time", sessionTime());
    api.LMSCommit("");
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  function labelOf(question, optionId) {
    return form.querySelector('label[for="answer-' + question.id + "-" + optionId + '"]').innerHTML;
  }

  function showFeedback(g, showAnswer) {
    var box = item(g.question).querySelector(".question-feedback");
    var verdict = g.score === 1 ? "right" : g.score > 0 ? "partly" : "wrong";
    box.appendChild(paragraph(data.words[verdict], "verdict-" + verdict));
    g.chosen.forEach(function (id) {
      var feedback = g.question.feedback[String(id)];
      if (feedback && g.question.kind !== "ordering") box.insertAdjacentHTML("beforeend", feedback);
    });
    if (showAnswer && g.score < 1) {
      var ordering = g.question.kind === "ordering";
      box.appendChild(paragraph(data.words[ordering ? "rightOrder" : "rightAnswer"]));
      var list = document.createElement(ordering ? "ol" : "ul");
      g.question.answer.forEach(function (id) {
        var li = document.createElement("li");
        li.innerHTML = labelOf(g.question, id);
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    if (showAnswer && g.question.explanation) box.insertAdjacentHTML("beforeend", g.question.explanation);
    box.hidden = false;
  }

  function showResult(score, passed) {
    var shows = data.showAnswers === "always" || (data.showAnswers === "after-pass" && passed);
    result.innerHTML = "";
    var heading = document.createElement("h3");
    heading.textContent = data.words[passed ? "passed" : "failed"];
    result.appendChild(heading);
    var percent = new Intl.NumberFormat(data.language, { style: "percent", maximumFractionDigits: 1 });
    result.appendChild(paragraph(data.words.score.replace("{score}", percent.format(score / 100))));
    if (!shows) result.appendChild(paragraph(data.words[data.showAnswers === "never" ? "neverShown" : "shownOnPass"]));
    if (!api) result.appendChild(paragraph(data.words.noPlatform, "notice"));
    result.hidden = false;
    again.hidden = passed;
    result.focus();
    return shows;
  }

  function submit(event) {
    event.preventDefault();
    var answers = drawn.map(function (q) { return { question: q, chosen: response(q) }; });
    if (answers.some(function (a) { return a.chosen === null; })) {
      error.textContent = data.words.unanswered;
      error.hidden = false;
      error.focus();
      return;
    }
    error.hidden = true;
    var graded = answers.map(function (a) { return { question: a.question, chosen: a.chosen, score: grade(a.question, a.chosen) }; });
    var total = graded.reduce(function (sum, g) { return sum + g.score; }, 0);
    var score = Math.round(1000 * total / graded.length) / 10;
    var passed = score >= data.passMark;
    form.querySelectorAll("input, select").forEach(function (control) { control.disabled = true; });
    form.querySelector("button[type=submit]").hidden = true;
    report(graded, score, passed);
    var shows = showResult(score, passed);
    graded.forEach(function (g) { showFeedback(g, shows); });
  }

  form.addEventListener("submit", submit);
  again.addEventListener("click", function () {
    form.querySelector("button[type=submit]").hidden = false;
    draw();
    form.querySelector(".question:not([hidden]) input, .question:not([hidden]) select").focus();
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  begin();
  draw();
}());

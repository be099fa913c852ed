// A certificate PDF being prepared by the worker: ask every 2 s whether it is ready,
// then say so and show its download links. Without JavaScript, "Check again" reloads.
for (const status of document.querySelectorAll(".preparing[data-ready]:not([data-asking])")) {
  status.dataset.asking = "yes"; // the script comes once per certificate on the page
  const ask = async () => {
    try {
      const answer = await fetch(status.dataset.ready, { credentials: "same-origin" });
      if (answer.ok && (await answer.json()).ready) {
        status.textContent = status.dataset.done;
        document.getElementById(status.dataset.links).hidden = false;
        return;
      }
    } catch {
      // the network is away for a moment: ask again
    }
    setTimeout(ask, 2000);
  };
  setTimeout(ask, 2000);
}
